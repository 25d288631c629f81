package org.jesptool.cli.efuse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jesptool.efuse.EfuseChip;
import org.jesptool.efuse.EfuseException;
import org.jesptool.efuse.EfuseOperations;
import org.jesptool.efuse.KeyOperations.KeyGroup;
import org.jesptool.secure.KeyFiles;
import org.jesptool.secure.SignatureBlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** burn-key and burn-key-digest. */
final class KeyCommands {
    private KeyCommands() {
    }

    /** The options both key commands share. */
    abstract static class KeyCommand extends BurnCommands.ForceWriting {
        @Parameters(arity = "1..*", paramLabel = "ARGS")
        List<String> args = new ArrayList<>();

        @Option(names = "--no-protect-key", description = "ESP32: leave the key readable and writeable.")
        boolean noProtectKey;

        @Option(names = "--no-read-protect", description = "Leave the key block readable.")
        boolean noReadProtect;

        @Option(names = "--no-write-protect", description = "Leave the key block writeable.")
        boolean noWriteProtect;

        @Option(names = "--show-sensitive-info", description = "Print key bytes.")
        boolean showSensitiveInfo;

        List<KeyGroup> groups(EfuseRun r, boolean digest) throws IOException {
            if (args.size() % 3 != 0) {
                throw new EfuseOperations.UsageException("Expected multiple of 3 values, got " + args.size()
                        + " (values: (" + String.join(", ", args) + "))");
            }
            List<KeyGroup> groups = new ArrayList<>();
            for (int i = 0; i < args.size(); i += 3) {
                byte[] data = BurnCommands.readFile(r, args.get(i + 1));
                String purpose = args.get(i + 2);
                if (digest) {
                    data = digest(data, args.get(i + 1));
                } else if (purpose.startsWith("ECDSA_KEY")) {
                    data = ecdsaKey(data, args.get(i + 1));
                }
                groups.add(new KeyGroup(args.get(i), data, purpose));
            }
            return groups;
        }

        /**
         * The raw private value of an ECDSA PEM key as the key block takes it: big-endian, P-192 with 8 leading
         * zero bytes (32 in all), P-256 as is, P-384 with 16 leading zero bytes (64: two blocks).
         */
        static byte[] ecdsaKey(byte[] pem, String name) {
            java.security.PrivateKey k;
            try {
                k = KeyFiles.readPrivateKey(pem, name).getPrivate();
            } catch (RuntimeException e) {
                throw new EfuseException("Could not read an ECDSA private key from " + name + ": " + e.getMessage());
            }
            if (!(k instanceof java.security.interfaces.ECPrivateKey ec)) {
                throw new EfuseException(name + " is not an ECDSA private key (ECDSA_KEY purposes take a PEM "
                        + "ECDSA private key).");
            }
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            int size = (bits + 7) / 8;
            int blockBytes = size <= 32 ? 32 : 64;
            byte[] s = ec.getS().toByteArray();
            byte[] out = new byte[blockBytes];
            int n = Math.min(s.length, size);
            System.arraycopy(s, s.length - n, out, blockBytes - n, n);
            return out;
        }

        static byte[] digest(byte[] pem, String name) {
            try {
                return SignatureBlock.publicKeyDigest(KeyFiles.readPublicKey(pem, name));
            } catch (RuntimeException e) {
                throw new EfuseException("Could not read the public key from " + name + ": " + e.getMessage());
            }
        }

        void finish(EfuseRun r) throws IOException {
            if (r.burn()) {
                r.out.println("Successful.");
            }
        }
    }

    @Command(name = "burn-key", description = "Burn keys: BLOCK KEYFILE KEYPURPOSE [...] (ESP32: BLOCK KEYFILE [...]).")
    static final class BurnKey extends KeyCommand {
        @Override
        public void run(EfuseRun r) throws IOException {
            boolean show = showSensitiveInfo || r.debug;
            if (r.efuses.chip().isEsp32()) {
                if (args.size() % 2 != 0) {
                    throw new EfuseOperations.UsageException("Expected multiple of 2 values, got " + args.size()
                            + " (values: (" + String.join(", ", args) + "))");
                }
                List<String> blocks = new ArrayList<>();
                List<byte[]> keys = new ArrayList<>();
                for (int i = 0; i < args.size(); i += 2) {
                    blocks.add(args.get(i));
                    keys.add(BurnCommands.readFile(r, args.get(i + 1)));
                }
                r.keys.burnKeysEsp32(blocks, keys, noProtectKey, show);
            } else {
                r.keys.burnKeys(groups(r, false), noReadProtect, noWriteProtect, show, false);
            }
            finish(r);
        }
    }

    @Command(name = "burn-key-digest", description = "Burn the digest of a Secure Boot V2 public key: "
            + "BLOCK KEYFILE KEYPURPOSE [...] (ESP32 and ESP32-C2: KEYFILE).")
    static final class BurnKeyDigest extends KeyCommand {
        @Override
        public void run(EfuseRun r) throws IOException {
            boolean show = showSensitiveInfo || r.debug;
            EfuseChip chip = r.efuses.chip();
            if (chip.isEsp32() || chip.splitKeyBlock()) {
                if (args.size() != 1) {
                    throw new EfuseOperations.UsageException("burn-key-digest on " + r.efuses.chip().displayName()
                            + " takes one KEYFILE, got " + args.size() + " values.");
                }
                byte[] d = digest(BurnCommands.readFile(r, args.get(0)), args.get(0));
                if (chip.isEsp32()) {
                    r.keys.burnDigestEsp32(d, noProtectKey, show);
                } else {
                    r.keys.burnKeys(List.of(new KeyGroup("BLOCK_KEY0", d, "SECURE_BOOT_DIGEST")), noReadProtect,
                            noWriteProtect, show, true);
                }
            } else {
                r.keys.burnKeys(groups(r, true), noReadProtect, noWriteProtect, show, true);
            }
            finish(r);
        }
    }
}
