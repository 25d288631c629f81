package org.jesptool.cli.efuse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jesptool.efuse.BlockDef;
import org.jesptool.efuse.Efuses;
import org.jesptool.efuse.FieldDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that only read: summary, dump, get-custom-mac, adc-info, check-error. */
final class ReadCommands {
    private ReadCommands() {
    }

    @Command(name = "summary", description = "Print the eFuse fields (text, json or one value).")
    static final class Summary implements EfuseCommand {
        @Parameters(arity = "0..*", paramLabel = "EFUSE_NAME", description = "Only these fields.")
        List<String> names = new ArrayList<>();

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "summary",
                description = "summary, json or value_only.")
        String format;

        @Option(names = "--file", paramLabel = "PATH", description = "Write to this file instead of stdout.")
        String file;

        @Override
        public void run(EfuseRun r) throws IOException {
            checkFormat(format, "summary", "json", "value_only");
            String text;
            if (format.equals("json")) {
                text = SummaryWriter.json(r.efuses, names);
            } else if (format.equals("value_only")) {
                if (names.size() != 1) {
                    throw new org.jesptool.efuse.EfuseException(
                            "The 'value_only' format can be used exactly for one eFuse.");
                }
                FieldDef f = r.efuses.field(names.get(0));
                if (f == null) {
                    throw new org.jesptool.efuse.EfuseException("Invalid eFuse name '" + names.get(0) + "'.");
                }
                Object v = r.efuses.value(f);
                text = SummaryWriter.plain(v) + "\n";
            } else {
                text = SummaryWriter.text(r.efuses, names);
            }
            if (file == null) {
                r.out.print(text);
                if (format.equals("json")) {
                    r.out.println();
                }
                return;
            }
            Path p = r.resolve(file);
            r.out.println("Saving eFuse values to " + file);
            writeAtomically(p, text.getBytes(StandardCharsets.UTF_8));
            r.out.println("Done");
        }
    }

    /** Rejects a --format value that is not one of the choices, with the message espefuse gives. */
    static void checkFormat(String format, String... choices) {
        if (!List.of(choices).contains(format)) {
            throw new org.jesptool.efuse.EfuseOperations.UsageException("Invalid value for '--format': '"
                    + format + "' is not one of '" + String.join("', '", choices) + "'.");
        }
    }

    static void writeAtomically(Path p, byte[] data) throws IOException {
        Path dir = p.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".espefuse", ".tmp");
        try {
            Files.write(tmp, data);
            Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Command(name = "dump", description = "Dump the raw eFuse blocks.")
    static final class Dump implements EfuseCommand {
        @Option(names = "--format", defaultValue = "default", description = "default, split or joint.")
        String format;

        @Option(names = "--file-name", paramLabel = "PATH", description = "Write the blocks to file(s).")
        String fileName;

        @Override
        public void run(EfuseRun r) throws IOException {
            checkFormat(format, "default", "split", "joint");
            Efuses ef = r.efuses;
            List<BlockDef> blocks = ef.chip().blocks();
            if (fileName == null) {
                for (BlockDef b : blocks) {
                    byte[] d = ef.blockBytes(b.id());
                    if (format.equals("default")) {
                        StringBuilder words = new StringBuilder();
                        for (int k = 0; k < d.length / 4; k++) {
                            int w = (d[4 * k] & 0xFF) | (d[4 * k + 1] & 0xFF) << 8 | (d[4 * k + 2] & 0xFF) << 16
                                    | (d[4 * k + 3] & 0xFF) << 24;
                            words.append(k == 0 ? "" : " ").append(String.format("%08x", w));
                        }
                        String alias = String.join(" ", b.aliases());
                        alias = alias.length() > 16 ? alias.substring(0, 16) : alias;
                        r.out.println(String.format("%-15s (%-16s) [%-2d] dump: %s", b.name(), alias, b.id(), words));
                    } else {
                        r.out.println(hex(d));
                    }
                }
                return;
            }
            Path p = r.resolve(fileName);
            if (format.equals("joint")) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (BlockDef b : blocks) {
                    all.write(ef.blockBytes(b.id()));
                }
                r.out.println("Dump eFuse blocks -> " + fileName);
                writeAtomically(p, all.toByteArray());
                return;
            }
            String name = p.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = dot < 0 ? name : name.substring(0, dot);
            String ext = dot < 0 ? "" : name.substring(dot);
            for (BlockDef b : blocks) {
                Path f = p.resolveSibling(stem + b.id() + ext);
                r.out.println("Dump eFuse block" + b.id() + " -> " + f.getFileName());
                writeAtomically(f, ef.blockBytes(b.id()));
            }
        }

        private static String hex(byte[] d) {
            StringBuilder sb = new StringBuilder();
            for (byte x : d) {
                sb.append(String.format("%02x", x & 0xFF));
            }
            return sb.toString();
        }
    }

    @Command(name = "get-custom-mac", description = "Print the custom MAC address.")
    static final class GetCustomMac implements EfuseCommand {
        @Override
        public void run(EfuseRun r) {
            r.out.println(r.ops.customMacLine());
        }
    }

    @Command(name = "adc-info", description = "Print the ADC calibration values.")
    static final class AdcInfo implements EfuseCommand {
        @Override
        public void run(EfuseRun r) {
            Efuses ef = r.efuses;
            if (ef.chip().isEsp32()) {
                long raw = ef.uint(ef.field("ADC_VREF"));
                r.out.println("ADC VRef calibration: " + (raw == 0 ? "None (1100mV nominal)"
                        : ef.value(ef.field("ADC_VREF")) + "mV"));
                FieldDef reserve = ef.field("BLK3_PART_RESERVE");
                if (reserve != null && ef.uint(reserve) == 1 && ef.field("ADC1_TP_LOW") != null) {
                    r.out.println("ADC readings stored in eFuse BLOCK3:");
                    r.out.println("    ADC1 Low reading  (150mV): " + ef.value(ef.field("ADC1_TP_LOW")));
                    r.out.println("    ADC1 High reading (850mV): " + ef.value(ef.field("ADC1_TP_HIGH")));
                    r.out.println("    ADC2 Low reading  (150mV): " + ef.value(ef.field("ADC2_TP_LOW")));
                    r.out.println("    ADC2 High reading (850mV): " + ef.value(ef.field("ADC2_TP_HIGH")));
                }
                return;
            }
            if (ef.chip().adcInfoBlankLine()) {
                r.out.println("");
            }
            r.out.println("Block version: " + ef.blockVersion());
            for (FieldDef f : ef.fields()) {
                if (f.category().equals("calibration")) {
                    r.out.println(String.format("%-30s = ", f.name()) + " " + SummaryWriter.plain(ef.value(f)));
                }
            }
        }
    }

    @Command(name = "check-error", description = "Check the eFuse blocks for coding errors.")
    static final class CheckError implements EfuseCommand {
        @Option(names = "--recovery", description = "Re-burn blocks with coding errors.")
        boolean recovery;

        @Override
        public boolean burns() {
            return recovery;
        }

        @Override
        public void run(EfuseRun r) throws IOException {
            Efuses ef = r.efuses;
            boolean any = false;
            for (BlockDef b : ef.chip().blocks()) {
                if (ef.errorCount(b.id()) == 0 && !ef.failed(b.id())) {
                    continue;
                }
                any = true;
                r.out.println(String.format("BLOCK%-2d: %s [ERRORS:%d FAIL:%d]", b.id(), b.name(), ef.errorCount(b.id()),
                        ef.failed(b.id()) ? 1 : 0));
            }
            if (any && recovery) {
                for (int id = ef.chip().blocks().size() - 1; id > 0; id--) {
                    BlockDef b = ef.chip().blocks().get(id);
                    byte[] d = ef.blockBytes(id);
                    if ((ef.errorCount(id) != 0 || ef.failed(id)) && !isZero(d)) {
                        r.ops.restage(b, d);
                    }
                }
                r.burnNow("Recovery of block coding errors. ");
                ef.refresh();
                any = ef.hasErrors();
            }
            if (any) {
                throw new org.jesptool.efuse.EfuseException("Error(s) were detected in eFuses.");
            }
            r.out.println("No errors detected.");
        }

        private static boolean isZero(byte[] b) {
            for (byte x : b) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
