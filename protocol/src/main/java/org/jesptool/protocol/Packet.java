package org.jesptool.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Packet layout (little-endian). Request: {@code u8 0x00, u8 op, u16 len, u32 checksum, data}.
 * Response: {@code u8 0x01, u8 op, u16 len, u32 value, data}.
 */
public final class Packet {
    /** Direction byte of a request (host to chip). */
    public static final int DIR_REQUEST = 0x00;
    /** Direction byte of a response (chip to host). */
    public static final int DIR_RESPONSE = 0x01;
    /** Header length of both requests and responses. */
    public static final int HEADER_LEN = 8;
    /** Length of the sub-header in front of a {@code *_DATA} block: size, seq, 0, 0. */
    public static final int DATA_HEADER_LEN = 16;
    /** Seed of the {@code *_DATA} checksum. */
    public static final int CHECKSUM_SEED = 0xEF;

    private Packet() {
    }

    /** Builds an unframed request packet. */
    public static byte[] request(int op, byte[] data, int checksum) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LEN + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) DIR_REQUEST).put((byte) op).putShort((short) data.length).putInt(checksum).put(data);
        return b.array();
    }

    /** Builds an unframed response packet. */
    public static byte[] response(int op, int value, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LEN + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) DIR_RESPONSE).put((byte) op).putShort((short) data.length).putInt(value).put(data);
        return b.array();
    }

    /** The {@code *_DATA} checksum: {@code 0xEF} XOR every byte of {@code data[off, off+len)}. */
    public static int checksum(byte[] data, int off, int len) {
        int c = CHECKSUM_SEED;
        for (int i = off; i < off + len; i++) {
            c ^= data[i] & 0xFF;
        }
        return c;
    }

    /** The payload of a {@code *_DATA} command: {@code u32 size, u32 seq, u32 0, u32 0, block}. */
    public static byte[] dataPayload(byte[] block, int seq) {
        ByteBuffer b = ByteBuffer.allocate(DATA_HEADER_LEN + block.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(block.length).putInt(seq).putInt(0).putInt(0).put(block);
        return b.array();
    }

    /** Packs little-endian 32-bit words. */
    public static byte[] words(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** Reads a little-endian u32 (as int) at {@code off}. */
    public static int u32(byte[] data, int off) {
        return (data[off] & 0xFF) | (data[off + 1] & 0xFF) << 8 | (data[off + 2] & 0xFF) << 16
                | (data[off + 3] & 0xFF) << 24;
    }

    /** Reads a little-endian u16 at {@code off}. */
    public static int u16(byte[] data, int off) {
        return (data[off] & 0xFF) | (data[off + 1] & 0xFF) << 8;
    }

    /** A parsed request packet. */
    public record Request(int op, int checksum, byte[] data) {
        /** Parses an unframed request; returns null when it is shorter than a header or not a request. */
        public static Request parse(byte[] packet) {
            if (packet.length < HEADER_LEN || (packet[0] & 0xFF) != DIR_REQUEST) {
                return null;
            }
            return new Request(packet[1] & 0xFF, u32(packet, 4), Arrays.copyOfRange(packet, HEADER_LEN, packet.length));
        }

        /** The declared data length from the header (may differ from {@code data.length} on bad input). */
        public static int declaredLength(byte[] packet) {
            return u16(packet, 2);
        }
    }

    /** A parsed response packet. */
    public record Response(int op, int value, byte[] data) {
        /** Parses an unframed response; returns null when it is shorter than a header or not a response. */
        public static Response parse(byte[] packet) {
            if (packet.length < HEADER_LEN || (packet[0] & 0xFF) != DIR_RESPONSE) {
                return null;
            }
            return new Response(packet[1] & 0xFF, u32(packet, 4), Arrays.copyOfRange(packet, HEADER_LEN, packet.length));
        }
    }
}
