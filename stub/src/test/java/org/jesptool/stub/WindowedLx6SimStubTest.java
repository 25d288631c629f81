package org.jesptool.stub;

/**
 * The ESP32/ESP32-S3 code generation (clang-22/llc-22 -mcpu=esp32, windowed ABI, linked by the lx106 GNU ld) on
 * qemu-system-xtensa -M lx60-nommu -cpu sample_controller, with the sim's own window vectors.
 */
class WindowedLx6SimStubTest extends SimStubTest {
    @Override
    QemuStub.Sim sim() {
        return QemuStub.Sim.LX6;
    }

    /** The simulation answers READ_REG of the magic register with the ESP32's value. */
    @Override
    String expectedChip() {
        return "esp32";
    }
}
