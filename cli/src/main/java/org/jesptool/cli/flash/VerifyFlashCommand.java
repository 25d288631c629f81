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

    private List<String> rawPairs = List.of();
    private List<org.jesptool.flash.FlashFile> files;
    private Boolean v4Diff;

    @Parameters(paramLabel = "<address> <filename>", arity = "1..*",
            description = "Address and binary file to verify there, separated by space.")
    void addressFiles(List<String> args) {
        List<String> pairs = new ArrayList<>(args);
        if (!pairs.isEmpty() && (pairs.get(0).equalsIgnoreCase("yes") || pairs.get(0).equalsIgnoreCase("no"))) {
            v4Diff = pairs.remove(0).equalsIgnoreCase("yes"); // v4: --diff yes|no
        }
        rawPairs = pairs;
        files = AddressFiles.parse(pairs, spec());
    }

    @Mixin
    FlashParams flash = new FlashParams();

    @Option(names = {"--diff", "-d"}, description = "Show differences (v4 form '--diff yes|no' accepted).")
    boolean diff;

    @Override
    protected void validate() {
        flash.checkSize(spec());
    }

    @Override
    String spiConnection() {
        return flash.spiConnection.value();
    }

    @Override
    void run(FlashRun run) throws Exception {
        files = AddressFiles.require(files, rawPairs, spec());
        long size = run.configureFlashSize(flash.size);
        ProgressRenderer renderer = run.renderer(true);
        WriteOptions options = new WriteOptions().flashSize(size).bootloaderPatch(flash.patcher(run, size, renderer));
        boolean showDiff = v4Diff != null ? v4Diff : diff;
        List<VerifyResult> results = run.flasher(renderer).verify(files, options, showDiff);
        long failed = results.stream().filter(r -> !r.matches()).count();
        if (failed > 0) {
            throw new FlashException("Verify failed: " + failed + " of " + results.size()
                    + " file(s) differ from flash.");
        }
    }
}
