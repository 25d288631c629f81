package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jesptool.flash.FlashState.Range;
import org.jesptool.flash.FlashState.Status;
import org.junit.jupiter.api.Test;

class FlashStateTest {
    @Test
    void mergesAdjacentRangesAndNamesTheFinishingCommand() {
        FlashFile app = new FlashFile(0x10000, new byte[4], "build/app one.bin");
        FlashState s = new FlashState(List.of(
                new Range(0x1000, 0x8000, Status.VERIFIED, "boot.bin"),
                new Range(0x10000, 0x20000, Status.WRITTEN, "build/app one.bin"),
                new Range(0x20000, 0x30000, Status.WRITTEN, "build/app one.bin"),
                new Range(0x30000, 0x40000, Status.UNDEFINED, "build/app one.bin"),
                new Range(0x40000, 0x50000, Status.UNTOUCHED, "build/app one.bin")), List.of(app));
        assertThat(s.describe()).containsExactly(
                "0x00001000-0x00007fff boot.bin: written and verified",
                "0x00010000-0x0002ffff build/app one.bin: written, not verified",
                "0x00030000-0x0003ffff build/app one.bin: partly written or erased: contents undefined",
                "0x00040000-0x0004ffff build/app one.bin: not written: previous contents kept");
        assertThat(s.finishArguments()).isEqualTo("write-flash --skip-flashed 0x10000 'build/app one.bin'");
    }

    @Test
    void encryptedFilesAreFinishedEncrypted() {
        FlashFile pt = new FlashFile(0x8000, new byte[4], "pt.bin");
        FlashFile app = new FlashFile(0x10000, new byte[4], "app.bin");
        FlashFile boot = new FlashFile(0x0, new byte[4], "boot.bin");
        assertThat(new FlashState(List.of(), List.of(pt, app), List.of(app)).finishArguments())
                .isEqualTo("write-flash --skip-flashed 0x8000 pt.bin --encrypt-files 0x10000 app.bin");
        assertThat(new FlashState(List.of(), List.of(boot, app), List.of(boot, app)).finishArguments())
                .isEqualTo("write-flash --skip-flashed --encrypt 0x0 boot.bin 0x10000 app.bin");
        assertThat(new FlashState(List.of(), List.of(pt), List.of(app)).finishArguments())
                .isEqualTo("write-flash --skip-flashed 0x8000 pt.bin");
    }

    @Test
    void initDataGoesToFourthLastSectorAndBlanksSecondLast() throws Exception {
        List<FlashFile> f = Esp8266InitData.files(4 << 20, new byte[128], "esp_init_data_default.bin");
        assertThat(f.get(0).address()).isEqualTo(0x3FC000);
        assertThat(f.get(1).address()).isEqualTo(0x3FE000);
        assertThat(f.get(1).data()).hasSize(4096).containsOnly((byte) 0xFF);
        assertThat(Esp8266InitData.files(512 << 10, new byte[128], "x").get(0).address()).isEqualTo(0x7C000);
    }
}
