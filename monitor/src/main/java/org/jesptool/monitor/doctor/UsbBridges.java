package org.jesptool.monitor.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** USB serial bridges found on ESP boards, by USB vendor and product id, with the driver each needs. */
final class UsbBridges {
    private UsbBridges() {
    }

    /** What the bridge is and which driver it needs; null when the ids are not known. */
    static String describe(int vid, int pid) {
        switch (vid) {
            case 0x10C4:
                return "Silicon Labs CP210x USB-UART bridge (Linux driver cp210x; Windows/macOS: Silicon Labs CP210x VCP driver)";
            case 0x1A86:
                return pid == 0x55D4 || pid == 0x55D3
                        ? "WCH CH9102/CH343 USB-UART bridge (Linux driver cdc_acm or ch343; Windows/macOS: WCH CH343 driver)"
                        : "WCH CH340/CH341 USB-UART bridge (Linux driver ch341; Windows/macOS: WCH CH34x driver)";
            case 0x0403:
                return "FTDI USB-UART bridge (Linux driver ftdi_sio; Windows/macOS: FTDI VCP driver)";
            case 0x067B:
                return "Prolific PL2303 USB-UART bridge (Linux driver pl2303)";
            case 0x303A:
                if (pid == 0x1001) {
                    return "Espressif USB-Serial/JTAG of the chip itself (driver cdc_acm; esptool resets it with"
                            + " --before usb-reset)";
                }
                return "Espressif USB (USB-OTG CDC of an ESP32-S2/S3 app or ROM; driver cdc_acm)";
            default:
                return null;
        }
    }

    /** The Linux kernel driver bound to a tty ({@code /sys/class/tty/NAME/device/driver}), or null. */
    static String linuxDriver(String port) {
        try {
            Path real = Path.of(port).toRealPath();
            Path driver = Path.of("/sys/class/tty", real.getFileName().toString(), "device", "driver");
            if (Files.isSymbolicLink(driver)) {
                return Files.readSymbolicLink(driver).getFileName().toString();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not a tty
        }
        return null;
    }
}
