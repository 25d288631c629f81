package org.jesptool.cli.flash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jesptool.flash.Esp8266InitData;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.FlashSizes;
import org.jesptool.flash.WriteOptions;
import org.jesptool.cli.ForceOption;
import org.jesptool.image.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** write-flash: writes files to flash, verifies them by MD5, and can skip what flash already holds. */
@Command(name = "write-flash", description = "Write binary data to flash (verified by MD5 afterwards).",
        sortOptions = false)
final class WriteFlashCommand extends FlashCommand {

    private List<String> rawPairs = List.of();
    private List<FlashFile> files;

    @Parameters(paramLabel = "<address> <filename>", arity = "1..*",
            description = "Address followed by binary filename, separated by space.")
    void addressFiles(List<String> args) {
        rawPairs = args;
        files = AddressFiles.parse(args, spec());
    }

    @Mixin
    FlashParams flash = new FlashParams();

    @Mixin
    org.jesptool.cli.monitor.MonitorChaining monitor = new org.jesptool.cli.monitor.MonitorChaining();

    @Option(names = {"--erase-all", "-e"}, description = "Erase all regions of flash (not just write areas) first.")
    boolean eraseAll;

    @Option(names = {"--compress", "-z"}, description = "Compress data in transfer (the default wherever the loader inflates: all but the ESP8266 ROM).")
    boolean compress;

    @Option(names = {"--no-compress", "-u"}, description = "Disable data compression during transfer.")
    boolean noCompress;

    @Option(names = "--no-verify", description = "Do not check the flash MD5 after writing (not recommended).")
    boolean noVerify;

    @Option(names = "--verify", hidden = true, description = "Accepted for compatibility; verifying is the default.")
    boolean verify;

    @Mixin
    ForceOption force = new ForceOption();

    @Option(names = {"--skip-flashed", "-s"},
            description = "Compare flash MD5s first and write only the 64 KiB segments that differ.")
    boolean skipFlashed;

    @Option(names = "--diff-with", arity = "1..*", paramLabel = "<file>",
            description = "Files flash already holds, one per written file (or 'skip'): only differences are sent.")
    List<String> diffWith = new ArrayList<>();

    @Option(names = {"--trust-flash-content", "--no-diff-verify"},
            description = "With --diff-with: do not confirm by MD5 that flash holds those files.")
    boolean trustFlashContent;

    @Option(names = "--pad-to-size", paramLabel = "<size>",
            description = "Pad each file with 0xFF to a multiple of this size (e.g. 4KB, 64KB, 0x1000).")
    String padToSize;

    @Option(names = "--init-data", paramLabel = "<file>",
            description = "ESP8266: also write this esp_init_data_default.bin to the 4th-last sector of the "
                    + "detected flash and blank the 2nd-last sector.")
    Path initData;

    @Option(names = {"--no-progress", "-p"}, description = "Plain progress lines instead of a redrawn bar.")
    boolean noProgress;

    @Option(names = "--encrypt", description = "Apply flash encryption when writing data (needs a key in eFuse; "
            + "not verified afterwards, flash holds ciphertext).")
    boolean encrypt;

    @Option(names = "--encrypt-files", arity = "1..*", paramLabel = "<address> <filename>",
            description = "Files to write encrypted, as address-file pairs, alongside the plain ones.")
    void encryptFiles(List<String> args) {
        rawEncryptPairs = args;
        encryptFiles = AddressFiles.parse(args, spec());
    }

    @Option(names = "--ignore-flash-enc-efuse",
            description = "Write encrypted even when eFuse shows no flash encryption key (or, on ESP32, an "
                    + "unexpected FLASH_CRYPT_CONFIG).")
    boolean ignoreFlashEncEfuse;

    private List<String> rawEncryptPairs;
    private List<FlashFile> encryptFiles;

    @Override
    protected boolean writesEncrypted() {
        return encrypt || encryptFiles != null || rawEncryptPairs != null;
    }

    @Override
    protected boolean allowedInSecureDownloadMode() {
        return true;
    }

    @Override
    String spiConnection() {
        return flash.spiConnection.value();
    }

    private Map<Integer, byte[]> previous;
    private Integer padding;

    @Override
    protected void validate() throws Exception {
        flash.checkSize(spec());
        if (rawEncryptPairs != null) {
            try {
                encryptFiles = AddressFiles.require(encryptFiles, rawEncryptPairs, spec());
            } catch (FlashException e) {
                throw badArgument("--encrypt-files: " + e.getMessage());
            }
        }
        if (compress && noCompress) {
            throw badArgument("--compress and --no-compress exclude each other.");
        }
        if (padToSize != null) {
            try {
                padding = (int) parseSize(padToSize);
            } catch (FlashException e) {
                throw badArgument("--pad-to-size: " + e.getMessage());
            }
        }
        if (initData != null && !Files.isRegularFile(initData)) {
            throw badArgument("--init-data file " + initData + " does not exist.");
        }
        files = AddressFiles.require(files, rawPairs, spec());
        if (encryptFiles != null) {
            List<FlashFile> all = new ArrayList<>(files);
            all.addAll(encryptFiles);
            try {
                org.jesptool.flash.Flasher.checkFiles(all);
            } catch (FlashException e) {
                throw badArgument(e.getMessage());
            }
        }
        try {
            previous = previousContents(files, diffWith);
        } catch (FlashException e) {
            throw badArgument(e.getMessage());
        }
    }

    @Override
    protected Integer afterClose() throws Exception {
        return monitor.runIfRequested(spec());
    }

    @Override
    void run(FlashRun run) throws Exception {
        monitor.connected(run.session.device().transport().name(), run.session.chip().name());
        List<FlashFile> files = new ArrayList<>(this.files);
        long flashSize = run.configureFlashSize(flash.size);
        if (initData != null) {
            if (run.loader().chip().imageChipId() >= 0) {
                throw new FlashException("--init-data is for the ESP8266 SDK only. Nothing was written.");
            }
            byte[] init = FlashFile.read(0, initData).data();
            files.addAll(Esp8266InitData.files(flashSize, init, initData.toString()));
        }
        long bytes = files.stream().mapToLong(FlashFile::length).sum();
        org.jesptool.factory.Board.current().ifPresent(b -> b.expectBytes(bytes)); // a factory run's progress line
        ProgressRenderer renderer = run.renderer(noProgress);
        WriteOptions options = new WriteOptions()
                .compress(compress ? Boolean.TRUE : noCompress ? Boolean.FALSE : null)
                .verify(!noVerify).skipFlashed(skipFlashed).eraseAll(eraseAll).force(force.given())
                .flashSize(flashSize).previousContents(previous).trustFlashContent(trustFlashContent)
                .bootloaderPatch(flash.patcher(run, flashSize, renderer))
                .encrypt(encrypt).ignoreFlashEncryptionEfuse(ignoreFlashEncEfuse);
        if (encryptFiles != null) {
            options.encryptFiles(encryptFiles);
        }
        if (padding != null) {
            options.padToSize(padding);
        }
        try {
            List<FileResult> results = run.flasher(renderer).write(files, options);
            long encrypted = encrypt ? results.size() : encryptFiles == null ? 0 : encryptFiles.size();
            // (with --encrypt, the --encrypt-files are encrypted too: every file is)
            long unverified = results.stream().filter(r -> !r.verified()).count();
            if (unverified > encrypted && !noVerify) {
                run.info("Warning: not every file could be verified (see above).");
            }
        } catch (FlashException e) {
            throw new FlashException(run.withPrefix(e.getMessage(), finishOptions()), e.state(), e.getCause());
        }
    }

    /** The options a finishing write-flash needs to write the same bytes as this one. */
    private List<String> finishOptions() {
        List<String> o = new ArrayList<>();
        addOption(o, "--flash-mode", flash.mode);
        addOption(o, "--flash-freq", flash.freq);
        addOption(o, "--flash-size", flash.size);
        addOption(o, "--spi-connection", flash.spiConnection.value());
        addOption(o, "--pad-to-size", padToSize);
        if (force.given()) {
            o.add("--force");
        }
        if (noCompress) {
            o.add("--no-compress");
        }
        if (ignoreFlashEncEfuse) {
            o.add("--ignore-flash-enc-efuse");
        }
        return o;
    }

    private static void addOption(List<String> options, String name, String value) {
        if (value != null) {
            options.add(name);
            options.add(value);
        }
    }

    private static Map<Integer, byte[]> previousContents(List<FlashFile> files, List<String> diffWith)
            throws FlashException {
        Map<Integer, byte[]> previous = new HashMap<>();
        if (diffWith.isEmpty()) {
            return previous;
        }
        if (diffWith.size() != files.size()) {
            throw new FlashException("--diff-with needs one file (or 'skip') per written file: got "
                    + diffWith.size() + " for " + files.size() + ". Nothing was written.");
        }
        for (int i = 0; i < files.size(); i++) {
            String name = diffWith.get(i);
            if (!name.equalsIgnoreCase("skip")) {
                previous.put(files.get(i).address(), FlashFile.read(0, Path.of(name)).data());
            }
        }
        return previous;
    }

    static long parseSize(String text) throws FlashException {
        try {
            String t = text.trim();
            if (t.toUpperCase().endsWith("B")) {
                return FlashSizes.parseName(t);
            }
            return Numbers.parseSize(t);
        } catch (IllegalArgumentException e) {
            throw new FlashException("Bad size '" + text + "': " + e.getMessage());
        }
    }
}
