package org.jesptool.command.internal;

import java.util.Set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jesptool.command.LoaderException;
import org.jesptool.command.NoReplyException;
import org.jesptool.command.Timeouts;
import org.jesptool.command.UnsupportedCommandException;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.jesptool.protocol.SlipDecoder;
import org.jesptool.transport.Transport;
import org.junit.jupiter.api.Test;

/** Status bytes, error codes, opcode matching, unsupported commands, checksums: bytes on the wire. */
class CommandChannelTest {
    /** Chip side: queued reply frames (and raw bytes); host frames are recorded. */
    static final class Wire implements Transport {
        final ByteArrayOutputStream toHost = new ByteArrayOutputStream();
        final List<byte[]> sent = new ArrayList<>();
        final SlipDecoder d = new SlipDecoder(sent::add);

        Wire reply(int op, int value, String dataHex) {
            toHost.writeBytes(Slip.encode(Packet.response(op, value, HexFormat.of().parseHex(dataHex.replace(" ", "")))));
            return this;
        }

        Wire raw(byte[] b) {
            toHost.writeBytes(b);
            return this;
        }

        @Override public String name() { return "wire"; }
        @Override public Set<Capability> capabilities() { return Set.of(Capability.values()); }
        @Override public synchronized int read(byte[] buf, int off, int len, long t) {
            byte[] p = toHost.toByteArray();
            int n = Math.min(len, p.length);
            System.arraycopy(p, 0, buf, off, n);
            toHost.reset();
            toHost.write(p, n, p.length - n);
            return n;
        }
        @Override public void write(byte[] data, int off, int len) { d.feed(data, off, len); }
        @Override public void setDtr(boolean a) { }
        @Override public void setRts(boolean a) { }
        @Override public void setBaudRate(int b) { }
        @Override public int baudRate() { return 115200; }
        @Override public void discardInput() { toHost.reset(); }
        @Override public void close() { }
    }

    @Test
    void dataCommandsCarryTheXorChecksumAndOthersZero() throws Exception {
        Wire w = new Wire().reply(Opcode.FLASH_DATA, 0, "00 00 00 00").reply(Opcode.READ_REG, 0x1234, "00 00 00 00");
        CommandChannel ch = new CommandChannel(new SlipLink(w));
        byte[] block = {1, 2, 4, 8};
        ch.check(Opcode.FLASH_DATA, Packet.dataPayload(block, 3), Packet.checksum(block, 0, 4), 1000, 0);
        assertThat(ch.check(Opcode.READ_REG, Packet.words(0x60008844), 0, 1000, 0).value()).isEqualTo(0x1234);
        assertThat(HexFormat.of().formatHex(w.sent.get(0)))
                .isEqualTo("00031400" + "e0000000" + "04000000" + "03000000" + "0000000000000000" + "01020408");
        assertThat(HexFormat.of().formatHex(w.sent.get(1))).isEqualTo("000a040000000000" + "44880060");
    }

    @Test
    void romFailureIsStatusOneAndCodeWithReadableText() {
        Wire w = new Wire().reply(Opcode.FLASH_BEGIN, 0, "01 05 00 00");
        CommandChannel ch = new CommandChannel(new SlipLink(w));
        assertThatThrownBy(() -> ch.check(Opcode.FLASH_BEGIN, Packet.words(0, 0, 0, 0), 0, 1000, 0))
                .isInstanceOf(LoaderException.class)
                .hasMessage("Failed to FLASH_BEGIN (result was 0105: The format of the received message is invalid)")
                .satisfies(e -> {
                    assertThat(((LoaderException) e).code()).isEqualTo(5);
                    assertThat(((LoaderException) e).fromStub()).isFalse();
                });
    }

    @Test
    void stubFailureIsTheCodeInTheFirstStatusByte() {
        Wire w = new Wire().reply(Opcode.FLASH_DEFL_DATA, 0, "c1 00");
        CommandChannel ch = new CommandChannel(new SlipLink(w));
        ch.setStub(true);
        assertThatThrownBy(() -> ch.check(Opcode.FLASH_DEFL_DATA, new byte[16], 0, 1000, 0))
                .isInstanceOf(LoaderException.class)
                .hasMessageContaining("C100: Bad data checksum")
                .satisfies(e -> assertThat(((LoaderException) e).fromStub()).isTrue());
    }

    @Test
    void statusIsReadRightAfterTheExpectedPayloadAndReservedBytesAreIgnored() throws Exception {
        String md5hex = "6465616466373338326635313662666566663934333765323338393866633637";
        Wire w = new Wire().reply(Opcode.SPI_FLASH_MD5, 0, md5hex + "0000 3334");
        CommandChannel ch = new CommandChannel(new SlipLink(w));
        Reply r = ch.check(Opcode.SPI_FLASH_MD5, Packet.words(0, 16, 0, 0), 0, 1000, 32);
        assertThat(new String(r.data())).isEqualTo("deadf7382f516bfeff9437e23898fc67");
    }

    @Test
    void repliesToOtherOpcodesAndShortFramesAreSkipped() throws Exception {
        Wire w = new Wire().reply(Opcode.SYNC, 0x20120707, "00 00 00 00").raw(Slip.encode(new byte[] {1, 2, 3}))
                .raw("boot noise".getBytes()).reply(Opcode.READ_REG, 7, "00 00 00 00");
        CommandChannel ch = new CommandChannel(new SlipLink(w));
        assertThat(ch.check(Opcode.READ_REG, Packet.words(0), 0, 1000, 0).value()).isEqualTo(7);
    }

    @Test
    void unsupportedCommandIsDetectedFromInvalidMessageUnderAnotherOpcode() {
        Wire w = new Wire();
        for (int i = 0; i < 8; i++) {
            w.reply(Opcode.SYNC, 0x20120707, "01 05 00 00");
        }
        CommandChannel ch = new CommandChannel(new SlipLink(w));
        assertThatThrownBy(() -> ch.command(Opcode.GET_SECURITY_INFO, new byte[0], 0, 1000))
                .isInstanceOf(UnsupportedCommandException.class).hasMessageContaining("GET_SECURITY_INFO");
        assertThat(w.toHost.size()).isZero(); // the 7 repeats were drained
    }

    @Test
    void missingReplyIsATimeoutNamingTheCommandAndWhatTheChipPrinted() {
        Wire w = new Wire().raw("Guru Meditation Error: Core 0 panic'ed".getBytes());
        CommandChannel ch = new CommandChannel(new SlipLink(w));
        assertThatThrownBy(() -> ch.command(Opcode.MEM_END, new byte[8], 0, 50))
                .isInstanceOf(NoReplyException.class)
                .hasMessageContaining("MEM_END").hasMessageContaining("The chip crashed")
                .hasMessageContaining("Guru Meditation Error");
    }

    @Test
    void perMegabyteTimeoutsUseDecimalMegabytesWithFloorAndCap() {
        Timeouts t = Timeouts.defaults();
        assertThat(t.perMbMillis(t.md5TimeoutPerMb(), 1000)).isEqualTo(3000);
        assertThat(t.perMbMillis(t.md5TimeoutPerMb(), 4_000_000)).isEqualTo(32_000);
        assertThat(t.perMbMillis(t.eraseRegionTimeoutPerMb(), 16 << 20)).isEqualTo(240_000);
        assertThat(t.perMbMillis(t.eraseWriteTimeoutPerMb(), 0x4000)).isEqualTo(3000);
        assertThat(t.perMbMillis(t.eraseWriteTimeoutPerMb(), 1 << 20)).isEqualTo(41_943);
    }
}
