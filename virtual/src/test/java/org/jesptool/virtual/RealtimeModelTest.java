package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.junit.jupiter.api.Test;

/** The real-time model's arithmetic, on a stepped clock: no waiting, no dependence on the machine. */
class RealtimeModelTest {
    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    Device device(String options) throws Exception {
        DeviceConfig c = DeviceConfig.fromPortName("virtual://esp32c3?realtime=1&" + options);
        c.clock = clock::get;
        return new Device(c, null);
    }

    static long bytes(int n, int baud) {
        return n * Link.byteNanos(baud);
    }

    int drainAt(Device d, long t) throws Exception {
        clock.set(t);
        int n = d.link.available();
        if (n > 0) {
            d.link.read(new byte[n], 0, n, 0);
        }
        return n;
    }

    @Test
    void repliesLeaveAfterTheRequestArrivedPlusLatencyAtTheBaudRate() throws Exception {
        try (Device d = device("latency=2ms")) {
            long banner = d.link.chipIdleAt();
            drainAt(d, banner); // the power-on banner, paced at 115200
            long t0 = banner + 1_000_000;
            clock.set(t0);
            byte[] sync = Slip.encode(Packet.request(Opcode.SYNC, Opcode.syncPayload(), 0));
            d.receive(sync, 0, sync.length);
            long replyStart = t0 + bytes(sync.length, 115200) + 2_000_000;
            assertThat(drainAt(d, replyStart)).isZero();
            int frame = 14; // C0 + 12 bytes + C0
            assertThat(drainAt(d, replyStart + bytes(frame, 115200) - 1)).isEqualTo(frame - 1);
            assertThat(drainAt(d, replyStart + bytes(frame, 115200))).isEqualTo(1);
            assertThat(drainAt(d, replyStart + bytes(8 * frame, 115200))).isEqualTo(7 * frame);
        }
    }

    @Test
    void romEraseDelaysTheReplyStubWorkDelaysTheNextCommand() throws Exception {
        try (Device d = device("latency=0")) {
            drainAt(d, d.link.chipIdleAt());
            long t0 = d.link.chipIdleAt() + 1_000_000;
            clock.set(t0);
            byte[] begin = Slip.encode(Packet.request(Opcode.FLASH_BEGIN, Packet.words(0x10000, 64, 0x400, 0x10000, 0), 0));
            d.receive(begin, 0, begin.length);
            long replyStart = t0 + bytes(begin.length, 115200) + NorFlash.BLOCK64_ERASE_NANOS;
            assertThat(drainAt(d, replyStart)).isZero();
            assertThat(drainAt(d, replyStart + bytes(14, 115200))).isEqualTo(14);
        }
    }

    @Test
    void baudChangeTakesEffectAfterTheReply() throws Exception {
        try (Device d = device("latency=0&stub=1")) {
            drainAt(d, d.link.chipIdleAt());
            long t0 = d.link.chipIdleAt() + 1_000_000;
            clock.set(t0);
            byte[] change = Slip.encode(Packet.request(Opcode.CHANGE_BAUDRATE, Packet.words(921600, 115200), 0));
            d.receive(change, 0, change.length);
            long replyEnd = t0 + bytes(change.length, 115200) + bytes(12, 115200);
            assertThat(drainAt(d, replyEnd)).isEqualTo(12);
            d.setHostBaud(921600);
            long t1 = replyEnd + 1_000_000;
            clock.set(t1);
            byte[] sync = Slip.encode(Packet.request(Opcode.SYNC, Opcode.syncPayload(), 0));
            d.receive(sync, 0, sync.length);
            assertThat(drainAt(d, t1 + bytes(sync.length, 921600) + bytes(8 * 12, 921600))).isEqualTo(8 * 12);
        }
    }
}
