package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unplug-after / replug options: the link is cut after N host bytes, in-process and over TCP. */
class UnplugTest {
    static final byte[] SYNC = Slip.encode(Packet.request(Opcode.SYNC, Opcode.syncPayload(), 0));

    @TempDir
    Path dir;

    /** Reads until a SYNC reply frame arrived (true) or the stream ended (false). */
    static boolean syncAnswered(InputStream in) throws IOException {
        byte[] want = {(byte) 0xC0, 1, Opcode.SYNC};
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            matched = (byte) b == want[matched] ? matched + 1 : (byte) b == want[0] ? 1 : 0;
            if (matched == want.length) {
                return true;
            }
        }
        return false;
    }

    /** SYNC replies in the bytes (the ROM answers each SYNC eight times). */
    static int syncReplies(byte[] b) {
        int n = 0;
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == (byte) 0xC0 && b[i + 1] == 1 && b[i + 2] == Opcode.SYNC) {
                n++;
            }
        }
        return n;
    }

    @Test
    void inProcessPortVanishesAfterNBytesAndComesBackOnceReopened() throws Exception {
        String name = "virtual://esp32?image=" + dir.resolve("f.bin") + "&unplug-after=" + (2 * SYNC.length + 5);
        VirtualPort p = VirtualPort.open(name);
        p.output().write(SYNC);
        assertThat(syncAnswered(p.input())).isTrue();
        p.output().write(SYNC);
        p.output().write(SYNC, 0, 5); // exactly the N-th byte: it arrives, then the cable is out
        assertThatThrownBy(() -> p.output().write(SYNC)).isInstanceOf(IOException.class).hasMessageContaining("unplugged");
        assertThatThrownBy(() -> p.setRts(true)).isInstanceOf(IOException.class);
        byte[] rest = p.input().readAllBytes(); // what the chip sent before the cut, then the end of the stream
        assertThat(p.input().read()).isEqualTo(-1);
        assertThat(syncReplies(rest)).as("7 more for the first SYNC, 8 for the second").isEqualTo(15);
        p.close();

        VirtualPort back = VirtualPort.open(name);
        for (int i = 0; i < 5; i++) { // well past N: the fault does not repeat after the replug
            back.output().write(SYNC);
            assertThat(syncAnswered(back.input())).isTrue();
        }
        back.close();
    }

    @Test
    void inProcessPortStaysAwayWithoutReplug() throws Exception {
        String name = "virtual://esp32c3?unplug-after=10&replug=0";
        VirtualPort p = VirtualPort.open(name);
        assertThatThrownBy(() -> p.output().write(SYNC)).isInstanceOf(IOException.class);
        p.close();
        assertThatThrownBy(() -> VirtualPort.open(name)).isInstanceOf(IOException.class)
                .hasMessageContaining("not plugged back in (replug=0)");
        VirtualPort other = VirtualPort.open("virtual://esp32c3"); // other names are other boards
        other.close();
    }

    @Test
    void serverCutsTheConnectionAndServesTheNextClient() throws Exception {
        TcpServer s = TcpServerTest.start("virtual://esp32?unplug-after=" + (SYNC.length + 3), false);
        try {
            InetSocketAddress a = new InetSocketAddress("127.0.0.1", s.port());
            try (Socket c = new Socket()) {
                c.connect(a);
                c.getOutputStream().write(SYNC);
                for (int i = 0; i < 8; i++) { // all eight replies, before the next bytes cut the link
                    assertThat(syncAnswered(c.getInputStream())).as("reply %d to the first SYNC", i + 1).isTrue();
                }
                c.getOutputStream().write(SYNC);
                byte[] rest = c.getInputStream().readAllBytes(); // ends: the server closed the connection
                assertThat(syncReplies(rest)).as("the second SYNC was cut short: not answered").isZero();
            }
            try (Socket c = new Socket()) {
                c.connect(a);
                c.getOutputStream().write(SYNC); // closes the frame cut short (as a client's first SYNC does)
                c.getOutputStream().write(SYNC);
                assertThat(syncAnswered(c.getInputStream())).isTrue();
            }
            assertThat(s.gone()).isFalse();
        } finally {
            s.close();
        }
    }

    @Test
    void serverStopsWithoutReplug() throws Exception {
        TcpServer s = TcpServerTest.start("virtual://esp32?unplug-after=4&replug=0", false);
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", s.port());
        try (Socket c = new Socket()) {
            c.connect(a);
            c.getOutputStream().write(SYNC);
            assertThat(syncAnswered(c.getInputStream())).isFalse();
        }
        assertThat(s.gone()).as("set before the connection was cut").isTrue();
        assertThatThrownBy(() -> {
            try (Socket c = new Socket()) {
                c.connect(a);
            }
        }).isInstanceOf(ConnectException.class);
        s.close();
    }
}
