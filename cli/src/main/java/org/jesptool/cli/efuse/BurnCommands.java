package org.jesptool.cli.efuse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jesptool.efuse.EfuseException;
import org.jesptool.efuse.EfuseOperations;
import org.jesptool.efuse.FieldDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The burn commands other than the key commands. */
final class BurnCommands {
    private BurnCommands() {
    }

    static byte[] readFile(EfuseRun r, String name) throws IOException {
        java.nio.file.Path p = r.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new EfuseException("File " + name + " does not exist (or is not a regular file).");
        }
        return Files.readAllBytes(p);
    }

    /** A command that burns: it counts for batch mode. */
    abstract static class Burning implements EfuseCommand {
        @Override
        public boolean burns() {
            return true;
        }
    }

    /** A burning command with --force-write-always. */
    abstract static class ForceWriting extends Burning {
        @Option(names = "--force-write-always", description = "Write even if the checks fail.")
        boolean forceWriteAlways;

        @Override
        public Boolean forceWriteAlways() {
            return forceWriteAlways;
        }
    }

    @Command(name = "burn-efuse", description = "Burn eFuse fields: NAME [VALUE] [NAME VALUE]...")
    static final class BurnEfuse extends Burning {
        @Parameters(arity = "1..*", paramLabel = "NAME VALUE", description = "Field names and values.")
        List<String> pairs = new ArrayList<>();

        @Option(names = "--force", description = "Ignore incompatible settings.")
        boolean force;

        Map<FieldDef, Object> values;

        @Override
        public void run(EfuseRun r) throws IOException {
            List<String[]> list = new ArrayList<>();
            if (pairs.size() == 1) {
                list.add(new String[] {pairs.get(0), null});
            } else {
                if (pairs.size() % 2 != 0) {
                    throw new EfuseOperations.UsageException("The list does not have a valid pair (name value) "
                            + pairs + ".");
                }
                for (int i = 0; i < pairs.size(); i += 2) {
                    list.add(new String[] {pairs.get(i), pairs.get(i + 1)});
                }
            }
            values = new LinkedHashMap<>();
            for (String[] p : list) {
                FieldDef f = r.ops.fieldForBurn(p[0]);
                if (values.containsKey(f)) {
                    throw new EfuseOperations.UsageException("Found repeated ['" + p[0] + "'] in the name list.");
                }
                values.put(f, null);
            }
            values.clear();
            for (String[] p : list) {
                FieldDef f = r.ops.fieldForBurn(p[0]);
                values.put(f, r.ops.parseValue(f, p[1]));
            }
            checkIncompatible(r);
            r.ops.burnEfuses(values);
            if (r.burn()) {
                r.ops.verify(values);
                r.out.println("Successful.");
            }
        }

        private void checkIncompatible(EfuseRun r) {
            for (List<String> pair : r.efuses.chip().romExclusiveFields()) {
                FieldDef a = r.efuses.field(pair.get(0));
                FieldDef b = r.efuses.field(pair.get(1));
                if (a == null || b == null) {
                    continue;
                }
                boolean ja = values.containsKey(a) || r.efuses.uint(a) == 1;
                boolean jb = values.containsKey(b) || r.efuses.uint(b) == 1;
                if (ja && jb && (values.containsKey(a) || values.containsKey(b))) {
                    r.out.println(pair.get(0) + " and " + pair.get(1) + " cannot be set together due to a bug in "
                            + "the ROM bootloader!");
                    if (!force) {
                        throw new EfuseException("Incompatible eFuse settings detected, abort. (use --force flag to "
                                + "skip it).");
                    }
                    r.out.println("Ignore incompatible eFuse settings.");
                }
            }
        }
    }

    /** read-protect-efuse and write-protect-efuse: protect the named fields or blocks, then verify. */
    abstract static class Protect extends Burning {
        @Parameters(arity = "1..*", paramLabel = "EFUSE_NAME")
        List<String> names = new ArrayList<>();

        private final boolean read;

        Protect(boolean read) {
            this.read = read;
        }

        @Override
        public void run(EfuseRun r) throws IOException {
            List<FieldDef> fields = read ? r.ops.readProtect(names) : r.ops.writeProtect(names);
            if (r.burn()) {
                r.ops.verifyProtected(fields, read);
                r.out.println("Successful.");
            }
        }
    }

    @Command(name = "read-protect-efuse", description = "Disable reading of eFuse fields or blocks.")
    static final class ReadProtect extends Protect {
        ReadProtect() {
            super(true);
        }
    }

    @Command(name = "write-protect-efuse", description = "Disable writing of eFuse fields or blocks.")
    static final class WriteProtect extends Protect {
        WriteProtect() {
            super(false);
        }
    }

    @Command(name = "burn-block-data", description = "Burn data files into eFuse blocks: BLOCK DATAFILE [...]")
    static final class BurnBlockData extends ForceWriting {
        @Parameters(arity = "2..*", paramLabel = "BLOCK DATAFILE")
        List<String> args = new ArrayList<>();

        @Option(names = {"--offset", "-o"}, defaultValue = "0", description = "Byte offset inside the block.")
        int offset;

        @Override
        public void run(EfuseRun r) throws IOException {
            if (args.size() % 2 != 0) {
                throw new EfuseOperations.UsageException("Expected pairs of BLOCK DATAFILE, got " + args.size()
                        + " values.");
            }
            List<String> blocks = new ArrayList<>();
            List<byte[]> datas = new ArrayList<>();
            for (int i = 0; i < args.size(); i += 2) {
                r.ops.dataBlock(args.get(i));
                blocks.add(args.get(i));
                datas.add(readFile(r, args.get(i + 1)));
            }
            r.ops.burnBlockData(blocks, datas, offset);
            if (r.burn()) {
                r.out.println("Successful.");
            }
        }
    }

    @Command(name = "burn-bit", description = "Burn single bits of a block: BLOCK BIT [BIT...]")
    static final class BurnBit extends ForceWriting {
        @Parameters(index = "0", paramLabel = "BLOCK")
        String block;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "BIT")
        List<String> bits = new ArrayList<>();

        @Override
        public void run(EfuseRun r) throws IOException {
            List<Integer> numbers = new ArrayList<>();
            for (String b : bits) {
                try {
                    numbers.add(Integer.parseInt(b.trim()));
                } catch (NumberFormatException e) {
                    throw new EfuseOperations.UsageException("Invalid value for 'BIT': '" + b
                            + "' is not a valid integer.");
                }
            }
            r.ops.burnBits(block, numbers);
            if (r.burn()) {
                r.out.println("Successful.");
            }
        }
    }

    @Command(name = "burn-custom-mac", description = "Burn a custom MAC address (AA:BB:CC:DD:EE:FF).")
    static final class BurnCustomMac extends ForceWriting {
        @Parameters(index = "0", paramLabel = "MAC")
        String mac;

        @Override
        public void run(EfuseRun r) throws IOException {
            byte[] b = EfuseOperations.macBytes(mac);
            r.ops.burnCustomMac(b);
            if (r.burn()) {
                r.out.println(r.ops.customMacLine());
                r.out.println("Successful.");
            }
        }
    }

    @Command(name = "set-flash-voltage", description = "Fix the flash voltage regulator: 1.8V, 3.3V or OFF.")
    static final class SetFlashVoltage extends Burning {
        @Parameters(index = "0", paramLabel = "VOLTAGE")
        String voltage;

        @Override
        public void run(EfuseRun r) throws IOException {
            r.ops.setFlashVoltage(voltage);
            if (r.burn()) {
                r.out.println("Successful.");
            }
        }
    }
}
