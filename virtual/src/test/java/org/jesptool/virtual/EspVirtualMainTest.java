package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The server's command line maps onto the same options as {@code virtual://} port names. */
class EspVirtualMainTest {
    static DeviceConfig parse(String... args) {
        EspVirtualMain main = new EspVirtualMain();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    @Test
    void flagsAndGenericOptions() {
        DeviceConfig c = parse("--chip", "ESP32-C3", "--flash-size", "8MB", "--jedec", "0x1740C8", "--mac",
                "58:cf:79:01:02:03", "--rev", "1.1", "--boot", "app", "--usb", "jtag", "--sdm", "--realtime",
                "--latency", "2ms", "-o", "residue=6cb9", "-o", "reg.3FF44038=F", "--trace");
        assertThat(c.chip.name).isEqualTo("esp32c3");
        assertThat(c.flashSize).isEqualTo(8 << 20);
        assertThat(c.jedec(c.flashSize)).containsExactly(0xC8, 0x40, 0x17);
        assertThat(c.mac()).containsExactly(0x58, 0xCF, 0x79, 1, 2, 3);
        assertThat(c.major()).isEqualTo(1);
        assertThat(c.minor()).isEqualTo(1);
        assertThat(c.strapDownload).isFalse();
        assertThat(c.usb).isEqualTo(DeviceConfig.Usb.JTAG);
        assertThat(c.secureDownload).isTrue();
        assertThat(c.realtime).isTrue();
        assertThat(c.latencyMicros).isEqualTo(2000);
        assertThat(c.residue).isEqualTo(0x6CB9);
        assertThat(c.registerPresets).containsEntry(0x3FF44038, 0xF);
        assertThat(c.trace).isTrue();
    }

    @Test
    void listenAddress() {
        assertThat(EspVirtualMain.parseListen("127.0.0.1:0")).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
        assertThat(EspVirtualMain.parseListen(":4000").getPort()).isEqualTo(4000);
        assertThat(EspVirtualMain.parseListen("[::1]:4000").getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> EspVirtualMain.parseListen("4000")).hasMessageContaining("HOST:PORT");
    }
}
