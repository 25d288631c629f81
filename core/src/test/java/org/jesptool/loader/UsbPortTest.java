package org.jesptool.loader;

import java.util.Set;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jesptool.transport.PortInfo;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;
import org.junit.jupiter.api.Test;

/** Ports whose USB ids say the chip's own USB is on the other end: reset strategy, block sizes, hard reset. */
class UsbPortTest {
    /** A virtual device that reports itself as a USB port with the given product id, recording line changes. */
    static final class UsbVirtual implements Transport {
        final Transport inner;
        final PortInfo info;
        final List<String> lines = new ArrayList<>();

        UsbVirtual(String url, int pid) throws IOException {
            inner = Transports.open(url);
            info = new PortInfo("/dev/ttyACM0", "USB JTAG/serial debug unit", PortInfo.ESPRESSIF_VID, pid, "");
        }

        @Override public String name() { return inner.name(); }
        @Override public Set<Capability> capabilities() { return Set.of(Capability.values()); }
        @Override public PortInfo info() { return info; }
        @Override public int read(byte[] b, int o, int l, long t) throws IOException { return inner.read(b, o, l, t); }
        @Override public void write(byte[] d, int o, int l) throws IOException { inner.write(d, o, l); }
        @Override public void setDtr(boolean a) throws IOException { lines.add("DTR=" + (a ? 1 : 0)); inner.setDtr(a); }
        @Override public void setRts(boolean a) throws IOException { lines.add("RTS=" + (a ? 1 : 0)); inner.setRts(a); }
        @Override public void setBaudRate(int b) throws IOException { inner.setBaudRate(b); }
        @Override public int baudRate() { return inner.baudRate(); }
        @Override public void discardInput() throws IOException { inner.discardInput(); }
        @Override public void close() throws IOException { inner.close(); }
    }

    @Test
    void usbSerialJtagPortGetsTheUsbResetAndUsbHardReset() throws Exception {
        List<String> sleeps = new ArrayList<>();
        try (UsbVirtual t = new UsbVirtual("virtual://esp32c3", PortInfo.USB_SERIAL_JTAG_PID)) {
            Device d = Device.open(t, new ConnectOptions().sleeper(ms -> sleeps.add("sleep " + ms)));
            assertThat(d.chip().name()).isEqualTo("esp32c3");
            assertThat(t.lines.subList(0, 4)).containsExactly("RTS=0", "DTR=0", "DTR=0", "DTR=1");
            assertThat(sleeps.subList(0, 3)).containsExactly("sleep 100", "sleep 100", "sleep 100");
            assertThat(d.espLoader().usbOtg()).isFalse();
            t.lines.clear();
            sleeps.clear();
            d.reset(AfterReset.HARD_RESET);
            assertThat(t.lines).containsExactly("RTS=1", "DTR=0", "RTS=0", "DTR=0");
            assertThat(sleeps).containsExactly("sleep 200", "sleep 200");
        }
    }

    @Test
    void usbOtgPortUsesSmallBlocks() throws Exception {
        try (UsbVirtual t = new UsbVirtual("virtual://esp32s3", 0x0009)) {
            Device d = Device.open(t, new ConnectOptions());
            assertThat(d.chip().name()).isEqualTo("esp32s3");
            assertThat(d.espLoader().usbOtg()).isTrue();
            assertThat(d.loader().ramBlockSize()).isEqualTo(0x800);
            assertThat(d.loader().flashWriteSize()).isEqualTo(0x400); // ROM
        }
    }

    @Test
    void customHardResetSequenceReplacesTheHardReset() throws Exception {
        try (UsbVirtual t = new UsbVirtual("virtual://esp32c3", 0x7523)) {
            List<String> sleeps = new ArrayList<>();
            Device d = Device.open(t, new ConnectOptions().customHardResetSequence("R1|W0.25|R0")
                    .sleeper(ms -> sleeps.add("sleep " + ms)));
            t.lines.clear();
            sleeps.clear();
            d.reset(AfterReset.HARD_RESET);
            assertThat(t.lines).containsExactly("RTS=1", "DTR=0", "RTS=0", "DTR=0");
            assertThat(sleeps).containsExactly("sleep 250");
        }
    }
}
