package org.jesptool.transport;

/**
 * A serial port as the system lists it.
 *
 * @param path the port name to open (e.g. {@code /dev/ttyUSB0}, {@code COM3})
 * @param description what the system calls the device
 * @param vid USB vendor id, or -1
 * @param pid USB product id, or -1
 * @param serial USB serial number, or an empty string
 */
public record PortInfo(String path, String description, int vid, int pid, String serial) {
    /** Espressif's USB vendor id. */
    public static final int ESPRESSIF_VID = 0x303A;
    /** Product id of the USB-Serial/JTAG controller. */
    public static final int USB_SERIAL_JTAG_PID = 0x1001;

    public boolean isUsb() {
        return vid >= 0;
    }
}
