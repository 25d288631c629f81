package org.jesptool.stub;

/** The rv32 build (rv32imc, the code every RISC-V chip runs) on qemu-system-riscv32 -M virt. */
class Rv32SimStubTest extends SimStubTest {
    @Override
    QemuStub.Sim sim() {
        return QemuStub.Sim.RV32;
    }

    /** The simulation answers GET_SECURITY_INFO with the ESP32-C3's chip id. */
    @Override
    String expectedChip() {
        return "esp32c3";
    }
}
