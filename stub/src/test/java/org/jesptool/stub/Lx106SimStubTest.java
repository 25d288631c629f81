package org.jesptool.stub;

/** The lx106 build (call0 ABI, ESP8266 placement) on qemu-system-xtensa -M lx60-nommu -cpu lx106. */
class Lx106SimStubTest extends SimStubTest {
    @Override
    QemuStub.Sim sim() {
        return QemuStub.Sim.LX106;
    }

    /** The simulation answers READ_REG of the magic register with the ESP8266's value. */
    @Override
    String expectedChip() {
        return "esp8266";
    }
}
