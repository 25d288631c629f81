package org.jesptool.virtual;

import java.util.Map;

import org.jesptool.protocol.Opcode;

/** ESP8266 ROM loader: 2 status bytes, no SPI_ATTACH / CHANGE_BAUDRATE / deflate / MD5, OTP MAC words. */
final class Esp8266 extends Chip {
    Esp8266() {
        name = "esp8266";
        displayName = "ESP8266";
        magic = 0xFFF0C101;
        romStatusLength = 2;
        securityInfoLength = 0;
        romFlashBeginLength = 16;
        romEraseQuirk = true;
        romDefaultFlashSize = 16 << 20;
        flashEncryption = false;
        encryption = null;
        for (int op = Opcode.FLASH_BEGIN; op <= Opcode.READ_REG; op++) {
            romOps.set(op);
        }
        uartDateReg = 0x60000078;
        uartDateValue = 0x15122500;
        uartClkdivReg = 0x60000014;
        uartClockMultiplier = 2;
        defaultXtalMhz = 26;
        bannerBaud = 74880;
        spi = new SpiLayout(0x60000200, 0x1C, 0x20, 0x24, -1, -1, 0x40, true, 0x80000064, 0x70000000);
        ram(0x3FFE8000L, 0x40000000L);
        ram(0x40100000L, 0x40110000L);
        defaultMac = new byte[] {0x18, (byte) 0xFE, 0x34, 0x00, 0x00, 0x01};
        bootloaderOffset = 0;
        bootStyle = BootStyle.ESP8266;
    }

    @Override
    void writeEfuses(Map<Integer, Integer> regs, DeviceConfig config) {
        byte[] mac = config.mac();
        int oui = be(mac, 0, 3);
        int mac3 = 0;
        int kind = 0;
        if (oui == 0x18FE34) {
            kind = 0;
        } else if (oui == 0xACD074) {
            kind = 1;
        } else {
            mac3 = oui;
        }
        regs.put(0x3FF00050, (mac[5] & 0xFF) << 24);
        regs.put(0x3FF00054, kind << 16 | (mac[3] & 0xFF) << 8 | (mac[4] & 0xFF));
        regs.put(0x3FF00058, 0);
        regs.put(0x3FF0005C, mac3);
    }

    @Override
    String banner(ResetCause cause, boolean download) {
        int rst;
        switch (cause) {
            case SOFTWARE: case WATCHDOG: rst = 4; break;
            case DEEP_SLEEP: rst = 5; break;
            case BROWNOUT: rst = 1; break; // no brown-out detector: the supply came back, a power-on reset
            default: rst = 2; // the RST pin (EN pulse); also what Arduino sketches show after an exception
        }
        return String.format("\r\n ets Jan  8 2013,rst cause:%d, boot mode:(%d,%d)\r\n\r\n", rst, download ? 1 : 3,
                download ? 7 : 6) + (cause == ResetCause.WATCHDOG ? "wdt reset\r\n" : "");
    }

}
