package org.jesptool.flash;

import java.util.Arrays;
import java.util.List;

/**
 * The ESP8266 SDK's RF init data placement (the NodeMCU rule): {@code esp_init_data_default.bin} goes to the
 * 4th-last sector of the flash and the 2nd-last sector is blanked, so nobody has to guess 0x3fc000 vs 0x7c000.
 */
public final class Esp8266InitData {
    private static final int SECTOR = 0x1000;

    private Esp8266InitData() {
    }

    /**
     * The two writes for a flash of {@code flashSize} bytes.
     *
     * @throws FlashException when the size is unknown or the init data is larger than two sectors
     */
    public static List<FlashFile> files(long flashSize, byte[] initData, String name) throws FlashException {
        if (flashSize < 8 * SECTOR) {
            throw new FlashException("The flash size is unknown: give --flash-size so the init data can be "
                    + "placed at the 4th-last sector.");
        }
        if (initData.length == 0 || initData.length > 2 * SECTOR) {
            throw new FlashException(name + " is " + initData.length + " bytes: SDK init data is at most 8 KiB "
                    + "(esp_init_data_default.bin is 128 bytes).");
        }
        byte[] blank = new byte[SECTOR];
        Arrays.fill(blank, (byte) 0xFF);
        return List.of(new FlashFile((int) (flashSize - 4 * SECTOR), initData, name),
                new FlashFile((int) (flashSize - 2 * SECTOR), blank, "blank sector (SDK system parameters)"));
    }
}
