package org.jesptool.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The RFC 2217 client against a hostile server: whatever the server sends (negotiation, subnegotiation,
 * escapes, garbage), the client delivers at most as many data bytes as arrived, answers without looping and
 * fails, if at all, with an IOException. Regression inputs under {@code Rfc2217ClientFuzzTestInputs/}.
 */
class Rfc2217ClientFuzzTest {

    @FuzzTest(maxDuration = "30m")
    void serverBytes(byte[] fromServer) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicLong clientSent = new AtomicLong();
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write(fromServer);
                    out.flush();
                    s.shutdownOutput();
                    InputStream in = s.getInputStream();
                    s.setSoTimeout(2000);
                    byte[] buf = new byte[4096];
                    for (int r; (r = in.read(buf)) > 0; ) {
                        clientSent.addAndGet(r);
                    }
                } catch (IOException e) {
                    // the client went away
                }
            });
            t.start();
            Transport client;
            try {
                client = Transports.open("rfc2217://127.0.0.1:" + server.getLocalPort(), 115200);
            } catch (IOException e) {
                t.join();
                return;
            }
            long got = 0;
            try {
                byte[] buf = new byte[4096];
                for (int r; (r = client.read(buf, 0, buf.length, 100)) > 0; ) {
                    got += r;
                }
                client.setDtrRts(false, false);
            } catch (IOException e) {
                assertThat(e.getMessage()).isNotBlank();
            } finally {
                client.close();
            }
            t.join(5000);
            assertThat(got).isLessThanOrEqualTo(fromServer.length);
            // every server byte is answered by a few bytes at most (no negotiation loop)
            assertThat(clientSent.get()).isLessThanOrEqualTo(200 + 3L * fromServer.length);
        }
    }
}
