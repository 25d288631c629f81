package org.jesptool.protocol;

import java.nio.charset.StandardCharsets;

/**
 * How JEsptool's own flasher stub identifies itself: its data segment holds the 12 ASCII bytes
 * {@code JEsptoolStub} followed by one version byte. Host and virtual device use it to tell our stub (more
 * packets in flight on READ_FLASH, erase just ahead of the data, SPI_FLASH_MD5 of the written range from the
 * read-back hash) from any other esptool-compatible stub.
 */
public final class StubMarker {
    /** The marker's text. */
    public static final byte[] TEXT = "JEsptoolStub".getBytes(StandardCharsets.US_ASCII);
    /** Most READ_FLASH packets our stub keeps in flight; a host asking 2..16 gets that many, else 1. */
    public static final int MAX_READ_IN_FLIGHT = 16;

    private StubMarker() {
    }

    /** The version byte after the first marker in {@code data}, or -1 when there is no marker. */
    public static int version(byte[] data) {
        outer:
        for (int i = 0; i + TEXT.length < data.length; i++) {
            for (int j = 0; j < TEXT.length; j++) {
                if (data[i + j] != TEXT[j]) {
                    continue outer;
                }
            }
            return data[i + TEXT.length] & 0xFF;
        }
        return -1;
    }

    /** The marker followed by {@code version}, as it appears in the stub's data segment. */
    public static byte[] bytes(int version) {
        byte[] b = java.util.Arrays.copyOf(TEXT, TEXT.length + 1);
        b[TEXT.length] = (byte) version;
        return b;
    }
}
