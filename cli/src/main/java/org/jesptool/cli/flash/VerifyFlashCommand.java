package org.jesptool.cli.flash;

import java.util.ArrayList;
import java.util.List;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.VerifyResult;
import org.jesptool.flash.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** verify-flash: compares flash with files by MD5, optionally listing differing bytes. */
@Command(name = "verify-flash", description = "Verify a binary blob against flash.", sortOptions = false)
final class VerifyFlashCommand extends FlashCommand {

    @Parameters(paramLabel = "<address> <filename>", arity = "1..*",
            description = "Address and binary file to verify there, separated by space.")
    List<String> addressFiles = new ArrayList<>();

    @Mixin
    FlashParams flash = new FlashParams();

    @Option(names = {"--diff", "-d"}, arity = "0..1", fallbackValue = "yes", paramLabel = "yes|no",
            description = "Show differences (v4 form '--diff yes' accepted).")
    String diff;

    @Override
    int run(FlashRun run) throws Exception {
        var files = AddressFiles.read(addressFiles);
        long size = run.configureFlashSize(flash.size);
        ProgressRenderer renderer = new ProgressRenderer(run.out, ProgressRenderer.detect(run.silent, true));
        WriteOptions options = new WriteOptions().flashSize(size).bootloaderPatch(flash.patcher(run, size, renderer));
        boolean showDiff = diff != null && !diff.equalsIgnoreCase("no");
        List<VerifyResult> results = run.flasher(renderer).verify(files, options, showDiff);
        long failed = results.stream().filter(r -> !r.matches()).count();
        if (failed > 0) {
            throw new FlashException("Verify failed: " + failed + " of " + results.size()
                    + " file(s) differ from flash.");
        }
        return 0;
    }
}
