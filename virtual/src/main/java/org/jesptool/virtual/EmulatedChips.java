package org.jesptool.virtual;

import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of the identity facts of the chips the virtual device emulates. The device keeps its own
 * model of each chip on purpose (it plays the ROM, so it must not borrow the host's beliefs); this view lets one
 * test hold that model against the host's chip classes and the image formats.
 */
public final class EmulatedChips {
    /**
     * Identity facts of one emulated chip.
     *
     * @param name lower-case name, e.g. {@code esp32c3}
     * @param displayName e.g. {@code ESP32-C3}
     * @param magic the value the ROM keeps at 0x40001000
     * @param imageChipId the chip id GET_SECURITY_INFO reports, -1 when the ROM has none
     * @param bootloaderOffset where the ROM looks for the second-stage bootloader
     * @param uartDateReg UART_DATE_REG
     * @param romStatusBytes status bytes at the end of a ROM reply
     * @param usbOtg whether the chip has USB-OTG download
     * @param usbSerialJtag whether the chip has a USB-Serial/JTAG controller
     */
    public record Facts(String name, String displayName, int magic, int imageChipId, int bootloaderOffset,
            int uartDateReg, int romStatusBytes, boolean usbOtg, boolean usbSerialJtag) {
    }

    private EmulatedChips() {
    }

    /** Every emulated chip, in the device's order. */
    public static List<Facts> all() {
        List<Facts> facts = new ArrayList<>();
        for (String name : Chips.names()) {
            Chip c = Chips.byName(name);
            facts.add(new Facts(c.name, c.displayName, c.magic, c.imageChipId, c.bootloaderOffset, c.uartDateReg,
                    c.romStatusLength, c.usbOtg, c.usbJtagSerial));
        }
        return facts;
    }
}
