package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.jesptool.cli.secure.EspsecureMain;
import org.junit.jupiter.api.Test;

/** -h/--help is declared once per tool and inherited: it is asked for, and described, the same everywhere. */
class HelpTest {
    private static final Pattern HELP_LINE = Pattern.compile("(?m)^\\s*-h, --help\\s+Show this help message and exit\\.$");
    private static final Pattern SPI_LINE = Pattern.compile("(?m)^\\s*-sc, --spi-connection=SPI\\|HSPI\\|CLK,Q,D,HD,CS$");

    private static List<String> esptoolCommands() {
        return EsptoolMain.commandLine(new GlobalOptions(), java.util.Map.of()).getSubcommands().values().stream()
                .map(c -> c.getCommandName()).distinct().toList();
    }

    @Test
    void everyEsptoolCommandHasTheSameHelpOption() {
        List<String> commands = esptoolCommands();
        assertThat(commands).contains("write-flash", "merge-bin", "read-mac", "erase-region");
        for (String c : commands) {
            Cli longForm = Cli.run(c, "--help");
            Cli shortForm = Cli.run(c, "-h");
            assertThat(longForm.code).as(c).isZero();
            assertThat(longForm.out).as(c).startsWith("Usage: esptool " + c);
            assertThat(HELP_LINE.matcher(longForm.out).find()).as(c + "\n" + longForm.out).isTrue();
            assertThat(shortForm.out).as(c).isEqualTo(longForm.out);
        }
        assertThat(HELP_LINE.matcher(Cli.run("--help").out).find()).isTrue();
    }

    @Test
    void spiConnectionReadsTheSameInEveryCommandThatTakesIt() {
        for (String c : List.of("flash-id", "read-flash-status", "write-flash-status", "read-flash-sfdp",
                "write-flash", "read-flash", "verify-flash", "erase-flash", "erase-region")) {
            String help = Cli.run(c, "--help").out;
            assertThat(SPI_LINE.matcher(help).find()).as(c + "\n" + help).isTrue();
            assertThat(help).as(c).contains("SPI flash pins: SPI, HSPI or five GPIO numbers");
        }
        for (String c : List.of("write-flash", "erase-flash", "erase-region")) {
            assertThat(Cli.run(c, "--help").out).as(c).contains("--force").contains("Skip the safety checks");
        }
    }

    @Test
    void everyEspsecureCommandHasTheSameHelpOption() {
        for (String c : List.of("digest-secure-bootloader", "generate-signing-key", "sign-data", "verify-signature",
                "signature-info-v2", "extract-public-key", "digest-sbv2-public-key", "digest-private-key",
                "generate-flash-encryption-key", "encrypt-flash-data", "decrypt-flash-data")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = EspsecureMain.run(new String[] {c, "-h"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            String help = out.toString(StandardCharsets.UTF_8);
            assertThat(status).as(c).isZero();
            assertThat(HELP_LINE.matcher(help).find()).as(c + "\n" + help).isTrue();
        }
    }
}
