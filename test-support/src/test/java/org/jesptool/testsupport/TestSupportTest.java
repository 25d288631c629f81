package org.jesptool.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestSupportTest {

    @Test
    void traceKeepsLinesFramesAndRemovedStubBytesInOrder() {
        Trace t = Trace.parse("t", """
                [0.001] SET_CONTROL_LINES DTR=false RTS=true
                [0.100] >>>> (    46): C0 00 08 24 00 00 00 00 00 07 07 12 20 55 55 55 55 C0
                [0.101] <<<< (    14): C0 01 08 04 00 DB DC DB DD 00 00 00 00 C0
                [1.326] >>>> (  6372): C0 00 07 <MEM_DATA frame: flasher stub bytes removed>
                not a trace line
                """);
        List<Trace.Event> ev = t.events();
        assertThat(ev).extracting(Trace.Event::kind).containsExactly(Trace.Kind.LINES, Trace.Kind.TO_CHIP,
                Trace.Kind.FROM_CHIP, Trace.Kind.TO_CHIP);
        assertThat(ev.get(0).dtr()).isFalse();
        assertThat(ev.get(0).rts()).isTrue();
        assertThat(ev.get(1).payload()).hasSize(16).startsWith(0x00, 0x08, 0x24, 0x00);
        assertThat(ev.get(2).payload()).containsExactly(0x01, 0x08, 0x04, 0x00, 0xC0, 0xDB, 0, 0, 0, 0);
        assertThat(ev.get(3).removed()).isTrue();
        assertThat(ev.get(3).payload()).containsExactly(0x00, 0x07);
        assertThat(t.fromChip()).hasSize(1);
    }

    @Test
    void sharedTracesAndFlashImagesAreFound() {
        assertThat(Trace.resource("esp32c3-board/sync.txt").events()).isNotEmpty();
        assertThat(Fixtures.bytes("flash/bootloader_esp32.bin")).hasSize(7888).startsWith(0xE9);
        assertThatThrownBy(() -> Fixtures.bytes("flash/nope.bin")).hasMessageContaining("no test fixture flash/nope.bin");
    }

    @Test
    @Requires(commands = "sh")
    void requirementsThatAreMetLetTheTestRun() {
        assertThat(OutsideTools.onPath("sh")).isTrue();
    }

    @Test
    void missingRequirementsAreNamedWithTheHint() throws Exception {
        Requires r = Holder.class.getDeclaredMethod("m").getAnnotation(Requires.class);
        assertThat(RequiresExtension.missing(r)).isEqualTo(
                "missing no-such-tool-xyz (not on the PATH), /no/such/file; install it");
        assertThatThrownBy(() -> OutsideTools.require("x missing"))
                .isInstanceOf(OutsideTools.underCi() ? AssertionError.class : org.opentest4j.TestAbortedException.class)
                .hasMessageContaining("x missing");
    }

    @Test
    void cliRunnerCapturesBothStreamsAndTheStatus() {
        CliRunner.Result r = CliRunner.run((a, o, e) -> {
            o.println("Chip type: " + a[0]);
            e.println("warning");
            return 3;
        }, "ESP32");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.value("Chip type")).isEqualTo("ESP32");
        assertThat(r.err()).isEqualTo("warning" + System.lineSeparator());
    }

    static final class Holder {
        @Requires(commands = "no-such-tool-xyz", files = "/no/such/file", hint = "install it")
        void m() {
        }
    }
}
