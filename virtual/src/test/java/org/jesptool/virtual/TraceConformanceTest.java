package org.jesptool.virtual;

import org.jesptool.testsupport.Trace;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Inflater;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every request of the recorded sessions (a real ESP32-C3 board; the real ESP32 and ESP32-C3
 * ROM code in an emulator) to a virtual device configured like the recorded one, and compares every
 * frame the device sends with the recording, byte for byte: stale value fields, reserved status bytes,
 * the eight SYNC replies and the eight replies to unsupported commands included.
 *
 * <p>What is configured per session, not modelled: flash contents (the 8 KiB test pattern the emulated
 * sessions wrote, the board's bootloader sector), the two stale status bytes the ROM had in RAM
 * (option {@code residue}), the SPI controller's USR/USR2 contents left by the emulator's earlier flash
 * reads, and the emulator's GPIO strap register value.
 */
class TraceConformanceTest {
    static Stream<String> boardTraces() {
        return Stream.of("change-baud-rate", "detect-chip", "end-defl-flash", "end-flash", "erase-flash-region",
                "erase-flash", "load-stub", "read-flash-region", "run-user-code", "set-flash-size", "sync", "update-reg",
                "verify-flash", "write-defl-flash-no-stub", "write-defl-flash", "write-flash-no-stub", "write-flash",
                "write-mem");
    }

    static Stream<String> emulatedTraces() {
        return Stream.of("esp32-baud-change", "esp32-erase-region", "esp32-flash-id", "esp32-read-slow",
                "esp32-stub-read", "esp32-stub-write-read", "esp32-verify", "esp32-write-compressed", "esp32-write-plain",
                "esp32c3-baud-change", "esp32c3-erase-region", "esp32c3-flash-id", "esp32c3-read-slow", "esp32c3-verify",
                "esp32c3-write-compressed", "esp32c3-write-plain");
    }

    @ParameterizedTest
    @MethodSource("boardTraces")
    void realEsp32c3Board(String name) throws Exception {
        Trace t = Trace.resource("esp32c3-board/" + name + ".txt");
        // the board: ESP32-C3 v0.3 (ROM magic 0x1B31506F), strap free so only DTR/RTS select download mode
        try (Host h = new Host("virtual://esp32c3?rev=0.3&boot=app")) {
            if (name.equals("read-flash-region")) {
                preload(h, 0, readFlashData(t));
            }
            if (name.equals("verify-flash")) {
                preload(h, 0, new byte[0x400]); // write-flash had just written 1 KiB of zeros
            }
            assertSameFrames(t, replay(t, h));
        }
    }

    @ParameterizedTest
    @MethodSource("emulatedTraces")
    void realRomCodeInEmulator(String name) throws Exception {
        Trace t = Trace.resource("rom-emulated/" + name + ".txt");
        String chip = name.substring(0, name.indexOf('-'));
        // the emulated flash: GigaDevice 4 MB without SFDP
        StringBuilder opts = new StringBuilder("virtual://" + chip + "?jedec=c84016&sfdp=0");
        if (name.equals("esp32-stub-read")) {
            opts.append("&stub=1"); // the previous session left the stub running
        }
        opts.append("&residue=").append(residueOf(t, Opcode.SYNC));
        if (chip.equals("esp32c3")) {
            opts.append("&security-residue=").append(residueOf(t, Opcode.GET_SECURITY_INFO));
        }
        int spiBase = chip.equals("esp32") ? 0x3FF42000 : 0x60002000;
        int usr = chip.equals("esp32") ? 0x1C : 0x18;
        int usr2 = chip.equals("esp32") ? 0x24 : 0x20;
        presetFirstRead(t, spiBase + usr, opts);
        presetFirstRead(t, spiBase + usr2, opts);
        if (chip.equals("esp32")) {
            opts.append("&reg.3FF44038=F"); // the emulator's GPIO strap value
            presetFirstRead(t, 0x3FF40014, opts); // UART divider left by an earlier session's baud change
        }
        try (Host h = new Host(opts.toString())) {
            byte[] pattern = emulatorTestPattern();
            preload(h, 0x10000, pattern);
            preload(h, 0x30000, pattern);
            assertSameFrames(t, replay(t, h));
        }
    }

    private static void assertSameFrames(Trace t, List<byte[]> got) {
        List<String> expected = t.fromChip().stream().map(Host::hex).toList();
        List<String> actual = got.stream().map(Host::hex).toList();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionError(String.format("%s: frame %d of %d differs%n expected %s%n   actual %s", t.name(), i,
                        expected.size(), expected.get(i), actual.get(i)));
            }
        }
        assertThat(actual.size()).as(t.name() + ": number of frames (expected last: %s)",
                expected.isEmpty() ? "-" : expected.get(expected.size() - 1)).isEqualTo(expected.size());
    }

    /** Sends the session's requests and line changes in order; returns every frame the device sent. */
    static List<byte[]> replay(Trace t, Host h) throws IOException {
        h.frames(); // whatever the device said before the session (power-on banner, OHAI)
        List<byte[]> got = new ArrayList<>();
        boolean dtr = false;
        boolean rts = false;
        long memBlockSize = 0;
        long memRemaining = 0;
        int memSeq = 0;
        for (Trace.Event e : t.events()) {
            switch (e.kind()) {
                case LINES:
                    h.port.setDtrRts(e.dtr(), e.rts());
                    break;
                case TO_CHIP: {
                    if (e.removed()) {
                        // the recording left the stub bytes out: any bytes of the right size get the same reply
                        int n = (int) Math.min(memBlockSize, memRemaining);
                        byte[] block = new byte[n];
                        h.sendRaw(org.jesptool.protocol.Slip.encode(Packet.request(Opcode.MEM_DATA,
                                Packet.dataPayload(block, memSeq++), Packet.checksum(block, 0, n))));
                        memRemaining -= n;
                        break;
                    }
                    byte[] p = e.payload();
                    int op = p[1] & 0xFF;
                    h.sendRaw(org.jesptool.protocol.Slip.encode(p));
                    if (p[0] == 0 && op == Opcode.MEM_BEGIN) {
                        memRemaining = Packet.u32(p, 8) & 0xFFFFFFFFL;
                        memBlockSize = Packet.u32(p, 16) & 0xFFFFFFFFL;
                        memSeq = 0;
                    }
                    if (p[0] == 0 && op == Opcode.CHANGE_BAUDRATE) {
                        got.addAll(h.frames());
                        h.port.setBaudRate(Packet.u32(p, 8));
                    }
                    break;
                }
                default:
                    break;
            }
            got.addAll(h.frames());
        }
        return got;
    }

    private static String residueOf(Trace t, int op) {
        for (byte[] f : t.fromChip()) {
            if (f.length >= 12 && f[0] == 1 && (f[1] & 0xFF) == op) {
                return Host.hex(Arrays.copyOfRange(f, f.length - 2, f.length));
            }
        }
        return "0000";
    }

    /** Presets a register to the value the session first read from it (state left from before the session). */
    private static void presetFirstRead(Trace t, int addr, StringBuilder opts) {
        boolean pending = false;
        for (Trace.Event e : t.events()) {
            byte[] p = e.payload();
            if (e.kind() == Trace.Kind.TO_CHIP) {
                pending = (p[1] & 0xFF) == Opcode.READ_REG && p.length >= 12 && Packet.u32(p, 8) == addr;
            } else if (e.kind() == Trace.Kind.FROM_CHIP && pending && (p[1] & 0xFF) == Opcode.READ_REG) {
                opts.append(String.format("&reg.%08X=%08X", addr, Packet.u32(p, 4)));
                return;
            }
        }
    }

    private static byte[] readFlashData(Trace t) {
        for (byte[] f : t.fromChip()) {
            if (f.length == 0x400) {
                return f;
            }
        }
        throw new AssertionError("no flash data in " + t.name());
    }

    /** The 8 KiB block the emulated sessions wrote at 0x10000, inflated from the compressed-write session. */
    static byte[] emulatorTestPattern() throws Exception {
        Trace t = Trace.resource("rom-emulated/esp32-write-compressed.txt");
        Inflater inf = new Inflater();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        for (Trace.Event e : t.events()) {
            if (e.kind() == Trace.Kind.TO_CHIP && (e.payload()[1] & 0xFF) == Opcode.FLASH_DEFL_DATA) {
                byte[] p = e.payload();
                inf.setInput(p, 8 + 16, p.length - 8 - 16);
                int n;
                while ((n = inf.inflate(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            }
        }
        assertThat(out.size()).isEqualTo(0x2000);
        return out.toByteArray();
    }

    static void preload(Host h, int offset, byte[] data) {
        Device d = ((InProcessPort) h.port).device();
        d.flash.eraseRange(offset, data.length);
        d.flash.program(offset, data, 0, data.length);
    }
}
