package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jesptool.testing.VirtualTcpServer;
import org.jesptool.testsupport.Requires;
import org.jesptool.transport.PortException;
import org.jesptool.transport.Transports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real OS serial path: a socat pseudo-terminal whose other end is the virtual device over TCP. Skipped
 * when socat is missing, except under CI=true where that is a failure ({@link Requires}).
 */
@Requires(commands = "socat", hint = "apt-get install socat")
class PseudoTerminalTest {
    static final String DEVICE = "virtual://esp32c6?mac=02:00:00:00:be:ef&rev=v0.2&jedec=c84018";

    @TempDir
    Path dir;
    VirtualTcpServer server;
    Process socat;
    Path pty;

    @BeforeEach
    void start() throws Exception {
        server = new VirtualTcpServer(DEVICE, false);
        pty = dir.resolve("ttyV0");
        socat = new ProcessBuilder("socat", "pty,link=" + pty + ",raw,echo=0", "tcp:127.0.0.1:" + server.port())
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        for (int i = 0; i < 200 && !Files.exists(pty); i++) {
            Thread.sleep(10);
        }
        assertThat(pty).exists();
    }

    @AfterEach
    void stop() throws Exception {
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectsThroughThePseudoTerminalAndReadsTheConfiguredValues() throws Exception {
        java.util.List<String> messages = new java.util.ArrayList<>();
        try (Device d = Device.connect(ConnectOptions.of(pty.toString()).messages(messages::add))) {
            assertThat(messages).anyMatch(m -> m.contains("the chip was NOT reset"));
            assertThat(d.transport().capabilities()).containsExactlyInAnyOrder(org.jesptool.transport.Transport.Capability.values());
            assertThat(d.chip().displayName()).isEqualTo("ESP32-C6");
            assertThat(d.revision()).isEqualTo(2);
            assertThat(Device.formatMac(d.mac())).isEqualTo("02:00:00:00:be:ef");
            assertThat(Device.formatMac(d.eui64())).isEqualTo("02:00:00:ff:fe:00:be:ef");
            d.attachFlash(null);
            assertThat(d.loader().flashId()).isEqualTo(0x1840C8);
            assertThat(d.detectFlashSize()).isEqualTo(16 << 20);
            d.reset(AfterReset.HARD_RESET); // a pty cannot drive DTR/RTS: ignored, not an error
        }
    }

    @Test
    @Requires(commands = "flock", hint = "apt-get install util-linux")
    void portHeldByAnotherProcessIsReportedWithItsPid() throws Exception {
        Process holder = new ProcessBuilder("sh", "-c", "exec 3<>" + pty.toRealPath() + "; flock -x 3; echo locked; sleep 30")
                .start();
        try {
            // wait until the other process really holds the lock
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertThat(line).isEqualTo("locked");
            assertThatThrownBy(() -> Transports.open(pty.toString()).close())
                    .isInstanceOf(PortException.class)
                    .satisfies(e -> assertThat(((PortException) e).reason()).isEqualTo(PortException.Reason.BUSY))
                    .hasMessageContaining("is busy: held by process");
        } finally {
            holder.destroy();
        }
    }

    @Test
    void portWithoutAccessRightsSuggestsTheDialoutGroup() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root may open any port");
        Path real = pty.toRealPath();
        java.util.Set<java.nio.file.attribute.PosixFilePermission> before = Files.getPosixFilePermissions(real);
        Files.setPosixFilePermissions(real, java.util.Set.of());
        try {
            assertThatThrownBy(() -> Transports.open(pty.toString()).close())
                    .isInstanceOf(PortException.class)
                    .satisfies(e -> assertThat(((PortException) e).reason()).isEqualTo(PortException.Reason.PERMISSION))
                    .hasMessageContaining("dialout");
        } finally {
            Files.setPosixFilePermissions(real, before);
        }
    }
}
