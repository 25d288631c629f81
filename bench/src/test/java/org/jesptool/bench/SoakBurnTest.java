package org.jesptool.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's eFuse judge reads the board's eFuse file: a burn it did not ask for, or half a burn, is caught. */
class SoakBurnTest {
    @TempDir
    Path dir;

    @Test
    void theJudgeSeesWhatTheBoardsEfuseFileHolds() throws Exception {
        Path image = dir.resolve("board.bin");
        Files.write(image, new byte[1 << 20]);
        Path efuse = dir.resolve("board.efuse");
        Path before = SoakBurn.prepare("esp32c3", image, efuse);
        byte[] data = new byte[32];
        Arrays.fill(data, (byte) 0x5A);
        String port = "virtual://esp32c3?flash=1MB&image=" + image + "&efuse=" + efuse;
        try (Transport t = Transports.open(port, 115200)) {
            Device d = Device.open(t, ConnectOptions.of(port));
            SoakBurn.burn(d.loader(), "esp32c3", data);
        }
        assertThat(SoakBurn.check("esp32c3", before, efuse, data, true)).isNull();
        byte[] other = data.clone();
        other[0] = 0x11;
        assertThat(SoakBurn.check("esp32c3", before, efuse, other, true)).startsWith("success reported, but BLOCK");
        assertThat(SoakBurn.check("esp32c3", before, efuse, other, false)).contains("half burned");
        // nothing burned at all: a failure may leave that, a success may not
        assertThat(SoakBurn.check("esp32c3", before, before, data, false)).isNull();
        assertThat(SoakBurn.check("esp32c3", before, before, data, true)).isNotNull();
    }
}
