package org.jesptool.target;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalInt;

/** ESP8266 facts (esptool facts sheet, sections 2.5, 5.1-5.5). */
// public only for cli chip-id (instanceof) until the chip id becomes a Chip fact (issue 10, item 4)
public final class Esp8266 extends Chip {
    Esp8266() {
    }

    private static final int OTP_MAC0 = 0x3FF00050;
    private static final int OTP_MAC1 = 0x3FF00054;
    private static final int OTP_MAC3 = 0x3FF0005C;

    @Override public String name() { return "esp8266"; }
    @Override public int romBootLogBaud() { return 74880; }
    @Override public int magicValue() { return 0xFFF0C101; }
    @Override public boolean romSupportsCompressedFlash() { return false; }
    @Override public boolean romSupportsReadFlashSlow() { return false; }
    @Override public boolean romSupportsFlashMd5() { return false; }
    @Override public int romStatusBytes() { return 2; }
    @Override public boolean romTakesEncryptedFlag() { return false; }
    @Override public int efuseBase() { return OTP_MAC0; }
    @Override public int macEfuseReg() { return OTP_MAC0; }
    @Override public int uartDateReg() { return 0x60000078; }
    @Override public int xtalClkDivider() { return 2; }
    @Override public int fixedCrystalMhz() { return 0; }
    @Override public boolean hasFlashSecurity() { return false; }
    @Override public boolean hasRevision() { return false; }

    /**
     * ESP8266EX, or an ESP8285 (word0 bit 4 or word2 bit 16) whose embedded flash (1 or 2 MB, from word0
     * bit 4 and word3 bits 25-27) and temperature rating (word0 bit 5: H) give the part name.
     */
    @Override public String description(RegisterReader r) throws IOException {
        int w0 = r.read(OTP_MAC0);
        int w2 = r.read(OTP_MAC0 + 8);
        if ((w0 & (1 << 4)) == 0 && (w2 & (1 << 16)) == 0) {
            return "ESP8266EX";
        }
        int w3 = r.read(OTP_MAC3);
        boolean r04 = (w0 & (1 << 4)) != 0;
        boolean r325 = (w3 & (1 << 25)) != 0;
        int r3hi = (w3 >>> 26) & 3; // bits 26 (low) and 27 (high)
        int flashMb = -1;
        if (r04 && !r325) {
            flashMb = r3hi == 0 ? 1 : r3hi == 1 ? 2 : -1;
        } else if (!r04 && r325) {
            flashMb = r3hi == 0 ? 2 : r3hi == 1 ? 4 : -1;
        }
        String temp = (w0 & (1 << 5)) != 0 ? "H" : "N";
        return switch (flashMb) {
            case 1 -> "ESP8285" + temp + "08";
            case 2 -> "ESP8285" + temp + "16";
            default -> "ESP8285";
        };
    }

    @Override public List<String> features(RegisterReader r) throws IOException {
        return description(r).startsWith("ESP8285") ? List.of("Wi-Fi", "160MHz", "Embedded Flash")
                : List.of("Wi-Fi", "160MHz");
    }
    @Override public int chipRevision(RegisterReader r) { return 0; }

    @Override public SpiRegisters spiRegisters() {
        int b = 0x60000200;
        return new SpiRegisters(b, b + 0x1C, b + 0x20, b + 0x24, -1, -1, b + 0x40, true);
    }

    @Override public boolean romOvereraseOnBegin() {
        return true;
    }

    private static final int SECTOR = 4096;

    /**
     * The sectors of a FLASH_BEGIN at {@code offset} that lie before the next 64 KiB boundary, at most
     * {@code sectors}: the ROM's erase-size bug erases that many again.
     */
    private static int headSectors(int offset, int sectors) {
        return Math.min(16 - (offset / SECTOR) % 16, sectors);
    }

    /** The ROM's erase-size bug: it erases as many sectors again as lie before the next 64 KiB boundary, at most. */
    @Override public int romEraseExtent(int offset, int size) {
        int sectors = (size + SECTOR - 1) / SECTOR;
        return offset % SECTOR + (sectors + headSectors(offset, sectors)) * SECTOR;
    }

    /** The ROM erases too much when asked for {@code size}; this asks for the amount that erases what is needed. */
    @Override public int romEraseSize(int offset, int size) {
        int sectors = (size + SECTOR - 1) / SECTOR;
        int head = headSectors(offset, sectors);
        if (sectors < 2 * head) {
            return (sectors + 1) / 2 * SECTOR;
        }
        return (sectors - head) * SECTOR;
    }

    /** OUI from OTP word 3, or the two Espressif OUIs chosen by a bit in word 1; then three bytes of words 1 and 0. */
    @Override public byte[] readMac(RegisterReader r) throws IOException {
        int mac0 = r.read(OTP_MAC0);
        int mac1 = r.read(OTP_MAC1);
        int mac3 = r.read(OTP_MAC3);
        byte[] oui;
        if (mac3 != 0) {
            oui = new byte[] {(byte) (mac3 >> 16), (byte) (mac3 >> 8), (byte) mac3};
        } else if (((mac1 >> 16) & 0xFF) == 0) {
            oui = new byte[] {(byte) 0x18, (byte) 0xFE, (byte) 0x34};
        } else if (((mac1 >> 16) & 0xFF) == 1) {
            oui = new byte[] {(byte) 0xAC, (byte) 0xD0, (byte) 0x74};
        } else {
            throw new IOException("Unknown OUI in the ESP8266's OTP MAC words");
        }
        return new byte[] {oui[0], oui[1], oui[2], (byte) (mac1 >> 8), (byte) mac1, (byte) (mac0 >> 24)};
    }

    /** The ESP8266 chip id: {@code (mac0 >> 24) | ((mac1 & 0xFFFFFF) << 8)}. */
    @Override public OptionalInt chipId(RegisterReader r) throws IOException {
        int mac0 = r.read(OTP_MAC0);
        int mac1 = r.read(OTP_MAC1);
        return OptionalInt.of((mac0 >>> 24) | ((mac1 & 0xFFFFFF) << 8));
    }

}
