package org.jesptool.efuse;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * burn-key and burn-key-digest: puts keys (or public-key digests) into key blocks with their purpose, and stages
 * the read/write protection the purpose needs. Refuses wrong key lengths, a purpose that cannot be set, a purpose
 * already held by another block for keys the hardware takes from one block only, and a block that is not free.
 */
public final class KeyOperations {
    private final Efuses ef;
    private final BurnPlan plan;
    private final EfuseLog log;

    public KeyOperations(BurnPlan plan, EfuseLog log) {
        this.plan = plan;
        this.ef = plan.efuses();
        this.log = log;
    }

    /** One (block, key bytes, purpose) group as given on the command line. */
    public record KeyGroup(String block, byte[] key, String purpose) {
    }

    /** Names accepted as BLOCK for burn-key (every block with id > 0, names and aliases). */
    public List<String> keyBlockNames() {
        List<String> names = new ArrayList<>();
        for (BlockDef b : ef.chip.blocks) {
            if (b.id() > 0) {
                names.addAll(b.allNames());
            }
        }
        return names;
    }

    private BlockDef keyBlock(String name) {
        for (BlockDef b : ef.chip.blocks) {
            if (b.id() > 0 && b.allNames().contains(name)) {
                return b;
            }
        }
        throw new EfuseOperations.UsageException("Invalid value for 'BLOCK': '" + name + "' is not one of "
                + EfuseOperations.quoteList(keyBlockNames()) + ".");
    }

    private KeyPurpose purpose(String name, boolean digest) {
        KeyPurpose p = ef.chip.purpose(name);
        if (p == null || (digest && !p.digest())) {
            List<String> names = new ArrayList<>();
            for (KeyPurpose kp : ef.chip.purposes) {
                if (!digest || kp.digest()) {
                    names.add(kp.name());
                }
            }
            throw new EfuseOperations.UsageException("Invalid value for 'KEYPURPOSE': '" + name + "' is not one of "
                    + EfuseOperations.quoteList(names) + ".");
        }
        return p;
    }

    private void showKey(String block, byte[] key, boolean show) {
        String text = show ? Bytes.hexSpaced(key) : String.join(" ", java.util.Collections.nCopies(key.length, "??"));
        log.println(" - " + block + " -> [" + text + "]");
    }

    /** burn-key on S2, S3, C3, C5, C6, C61, H2, P4 (keys) or burn-key-digest (digests, {@code digest} true). */
    public void burnKeys(List<KeyGroup> groups, boolean noReadProtect, boolean noWriteProtect, boolean show,
                         boolean digest) {
        if (ef.chip.splitKeyBlock) {
            burnKeysC2(groups, noReadProtect, noWriteProtect, show, digest);
            return;
        }
        List<String> typed = new ArrayList<>();
        for (KeyGroup g : groups) {
            typed.add(g.block());
        }
        // Expand the "virtual" purposes that take two blocks.
        List<Object[]> work = new ArrayList<>();
        for (KeyGroup g : groups) {
            BlockDef b = keyBlock(g.block());
            KeyPurpose p = purpose(g.purpose(), digest);
            if (p.value() < 0) {
                String lo = p.name().equals("ECDSA_KEY_P384") ? "ECDSA_KEY_P384_H" : p.name() + "_1";
                String hi = p.name().equals("ECDSA_KEY_P384") ? "ECDSA_KEY_P384_L" : p.name() + "_2";
                if (g.key().length != 64) {
                    throw new EfuseException("Incorrect key file size " + g.key().length + ", " + p.name()
                            + " should be 64 bytes");
                }
                BlockDef second = nextFree(b, typed, p.name());
                work.add(new Object[] {b, Arrays.copyOfRange(g.key(), 0, 32), ef.chip.purpose(lo)});
                work.add(new Object[] {second, Arrays.copyOfRange(g.key(), 32, 64), ef.chip.purpose(hi)});
                typed.add(second.name());
            } else {
                work.add(new Object[] {b, g.key(), p});
            }
        }
        if (!show) {
            log.println("Sensitive data will be hidden (see --show-sensitive-info)");
        }
        List<Integer> usedBlocks = new ArrayList<>();
        for (Object[] w : work) {
            BlockDef b = (BlockDef) w[0];
            byte[] key = (byte[]) w[1];
            KeyPurpose p = (KeyPurpose) w[2];
            if (b.purposeField() == null) {
                throw new EfuseException(b.name() + " is not a key block; keys go to "
                        + String.join(", ", keyBlocksWithPurpose()) + ".");
            }
            if (usedBlocks.contains(b.id())) {
                throw new EfuseException("Found repeated " + b.name() + " in the block list.");
            }
            usedBlocks.add(b.id());
            if (key.length != 32) {
                throw new EfuseException("Incorrect key file size " + key.length
                        + ". Key file must be 32 bytes (256 bits) of raw binary key data.");
            }
            FieldDef keyField = ef.field(b.name());
            FieldDef pf = ef.field(b.purposeField());
            long current = ef.purposeValue(pf);
            refuseSharedPurpose(b, p);
            byte[] data = key.clone();
            if (p.reverse()) {
                data = Efuses.reverse(data);
            }
            showKey(b.name(), data, show);
            if (p.reverse()) {
                log.println(ef.chip.reverseMessageNamesPurpose
                        ? "\tReversing byte order for " + p.name() + " hardware peripheral..."
                        : "\tReversing byte order for AES-XTS hardware peripheral...");
            }
            plan.save(keyField, data);
            boolean changed = false;
            if (current != p.value()) {
                if (!ef.writeable(pf)) {
                    throw new EfuseException("It is not possible to change '" + pf.name + "' to '" + p.name()
                            + "' because write protection bit is set.");
                }
                if (pf.name.equals("KEY_PURPOSE_5") && p.name().startsWith("XTS_AES")
                        && ef.chip.key5XtsBug) {
                    throw new EfuseException("KEY_PURPOSE_5 can not have " + p.name()
                            + " key due to a hardware bug (please see TRM for more details)");
                }
                log.println("\t'" + pf.name + "': '" + ef.chip.purposeName(current) + "' -> '" + p.name() + "'.");
                savePurpose(pf, p.value());
                changed = true;
            } else {
                log.println("\t'" + pf.name + "' is already '" + p.name() + "'.");
            }
            FieldDef hwK = ef.field("ECDSA_FORCE_USE_HARDWARE_K");
            if (hwK != null && p.name().equals("ECDSA_KEY")) {
                if (ef.uint(hwK) == 1) {
                    log.println("\tECDSA_FORCE_USE_HARDWARE_K is already '1'");
                } else {
                    log.println("\tECDSA_FORCE_USE_HARDWARE_K: 0 -> 1");
                    plan.save(hwK, 1L);
                }
            }
            if (changed || ef.writeable(pf)) {
                log.println("\tDisabling write to '" + pf.name + "'...");
                protectWrite(pf.wrDis);
            }
            if (p.readProtect() && !noReadProtect) {
                log.println("\tDisabling read to key block...");
                protectRead(b.rdDisBits());
            }
            if (!noWriteProtect) {
                log.println("\tDisabling write to key block...");
                protectWrite(b.wrDisBit());
            }
            log.println("");
        }
        if (noWriteProtect) {
            log.println("Keys will remain writeable (due to --no-write-protect).");
        }
        if (noReadProtect) {
            log.println("Keys will remain readable (due to --no-read-protect).");
        }
    }

    private List<String> keyBlocksWithPurpose() {
        List<String> l = new ArrayList<>();
        for (BlockDef b : ef.chip.blocks) {
            if (b.purposeField() != null) {
                l.add(b.name());
            }
        }
        return l;
    }

    /** Stricter than the reference: a key the hardware takes from one block may not be burned twice. */
    private void refuseSharedPurpose(BlockDef target, KeyPurpose p) {
        if (!(p.name().startsWith("XTS_AES") || p.name().startsWith("ECDSA") || p.name().startsWith("SECURE_BOOT")
                || p.name().equals("KM_INIT_KEY"))) {
            return;
        }
        for (BlockDef b : ef.chip.blocks) {
            if (b.purposeField() == null || b.id() == target.id()) {
                continue;
            }
            if (ef.purposeValue(ef.field(b.purposeField())) == p.value()) {
                throw new EfuseException(b.name() + " already holds a key with purpose " + p.name() + "; a second "
                        + p.name() + " key in " + target.name() + " would conflict with it. Nothing was burned.");
            }
        }
    }

    private void savePurpose(FieldDef pf, long value) {
        FieldDef hi = ef.field(pf.name + "_H");
        if (hi != null) {
            long lo = value & ((1L << pf.bitLen) - 1);
            long h = value >>> pf.bitLen;
            if (lo != 0) {
                plan.save(pf, lo);
            }
            if (h != 0) {
                plan.save(hi, h);
            }
            return;
        }
        plan.save(pf, value);
    }

    private void protectWrite(int bit) {
        if (bit < 0) {
            return;
        }
        FieldDef wr = ef.field("WR_DIS");
        plan.save(wr, plan.staged(wr).or(BigInteger.valueOf(ef.wrDis())).setBit(bit));
    }

    private void protectRead(int[] bits) {
        if (bits.length == 0) {
            return;
        }
        FieldDef rd = ef.field("RD_DIS");
        BigInteger v = plan.staged(rd).or(BigInteger.valueOf(ef.rdDis()));
        for (int b : bits) {
            v = v.setBit(b);
        }
        plan.save(rd, v);
    }

    /** The next key block that is free for the second half of a two-block key. */
    private BlockDef nextFree(BlockDef from, List<String> typed, String purpose) {
        List<BlockDef> keys = new ArrayList<>();
        for (BlockDef b : ef.chip.blocks) {
            if (b.purposeField() != null) {
                keys.add(b);
            }
        }
        int start = Math.max(0, keys.indexOf(from));
        for (int i = 0; i < keys.size(); i++) {
            BlockDef b = keys.get((start + i) % keys.size());
            if (typed.contains(b.name())) {
                continue;
            }
            FieldDef pf = ef.field(b.purposeField());
            FieldDef kf = ef.field(b.name());
            if (ef.readable(kf) && ef.writeable(kf) && ef.purposeValue(pf) == 0 && ef.writeable(pf)
                    && Bytes.isZero(ef.bytes(kf))) {
                return b;
            }
        }
        throw new EfuseException(purpose + " requires two free keyblocks");
    }

    private void burnKeysC2(List<KeyGroup> groups, boolean noReadProtect, boolean noWriteProtect, boolean show,
                            boolean digest) {
        if (groups.size() > 2) {
            throw new EfuseOperations.UsageException("Expected at most 2 groups (3 values each), got "
                    + groups.size());
        }
        if (groups.size() == 2) {
            for (KeyGroup g : groups) {
                if (!List.of("XTS_AES_128_KEY_DERIVED_FROM_128_EFUSE_BITS", "SECURE_BOOT_DIGEST").contains(g.purpose())) {
                    throw new EfuseException("These keypurposes are incompatible " + groups.stream()
                            .map(KeyGroup::purpose).toList());
                }
            }
        }
        if (!show) {
            log.println("Sensitive data will be hidden (see --show-sensitive-info)");
        }
        for (KeyGroup g : groups) {
            BlockDef b = keyBlock(g.block());
            KeyPurpose p = purpose(g.purpose(), digest);
            byte[] key = g.key();
            FieldDef target;
            int[] rd;
            switch (p.name()) {
                case "XTS_AES_128_KEY":
                    if (key.length != 32) {
                        throw new EfuseException("Incorrect key file size " + key.length
                                + ". Key file must be 32 bytes (256 bits) of raw binary key data.");
                    }
                    target = ef.field("BLOCK_KEY0");
                    rd = new int[] {0, 1};
                    break;
                case "XTS_AES_128_KEY_DERIVED_FROM_128_EFUSE_BITS":
                    if (key.length != 16) {
                        throw new EfuseException("Incorrect key file size " + key.length
                                + ". Key file must be 16 bytes (128 bits) of raw binary key data.");
                    }
                    target = ef.field("BLOCK_KEY0_LOW_128");
                    rd = new int[] {0};
                    break;
                case "SECURE_BOOT_DIGEST":
                    if (key.length == 32) {
                        log.println("\tProgramming only left-most 128-bits from SHA256 hash of public key to highest "
                                + "128-bits of BLOCK KEY0");
                        key = Arrays.copyOf(key, 16);
                    } else if (key.length != 16) {
                        throw new EfuseException("Wrong length of this file for SECURE_BOOT_DIGEST. Got "
                                + key.length + " (expected 32 or 16)");
                    }
                    target = ef.field("BLOCK_KEY0_HI_128");
                    rd = new int[0];
                    break;
                default:
                    throw new EfuseException("Purpose " + p.name() + " cannot be burned into " + b.name() + ".");
            }
            byte[] data = p.reverse() ? Efuses.reverse(key) : key.clone();
            showKey(target.name, data, show);
            if (p.reverse()) {
                log.println("\tReversing byte order for AES-XTS hardware peripheral...");
            }
            plan.save(target, data);
            if (p.name().equals("XTS_AES_128_KEY")) {
                log.println("\tXTS_KEY_LENGTH_256 -> 1");
                plan.save(ef.field("XTS_KEY_LENGTH_256"), 1L);
            }
            if (p.readProtect() && !noReadProtect) {
                log.println("\tDisabling read to key block...");
                protectRead(rd);
            }
            if (!noWriteProtect) {
                log.println("\tDisabling write to key block...");
                protectWrite(b.wrDisBit());
            }
            log.println("");
        }
        if (noWriteProtect) {
            log.println("Keys will remain writeable (due to --no-write-protect).");
        }
        if (noReadProtect) {
            log.println("Keys will remain readable (due to --no-read-protect).");
        }
    }

    /** ESP32 burn-key: (block, key) pairs; flash_encryption / secure_boot_v1 keys are reversed and read-protected. */
    public void burnKeysEsp32(List<String> blocks, List<byte[]> keys, boolean noProtect, boolean show) {
        int size = ef.esp32CodingScheme() == 1 ? 24 : 32;
        if (!show) {
            log.println("Sensitive data will be hidden (see --show-sensitive-info)");
        }
        for (int i = 0; i < blocks.size(); i++) {
            String typed = blocks.get(i);
            BlockDef b = keyBlock(typed);
            byte[] key = keys.get(i);
            if (key.length != size) {
                throw new EfuseException("Incorrect key file size " + key.length + ". Key file must be " + size
                        + " bytes (" + size * 8 + " bits) of raw binary key data.");
            }
            boolean reverse = typed.equals("flash_encryption") || typed.equals("secure_boot_v1");
            byte[] data = reverse ? Efuses.reverse(key) : key.clone();
            showKey(b.name(), data, show);
            if (reverse) {
                log.println("\tReversing the byte order");
            }
            plan.save(ef.field(b.name()), data);
            if (!noProtect) {
                if (reverse) {
                    protectRead(b.rdDisBits());
                }
                protectWrite(b.wrDisBit());
            }
        }
        if (noProtect) {
            log.println("Key is left unprotected as per --no-protect-key argument.");
        }
        log.println("Burn keys in eFuse blocks.");
        log.println(noProtect ? "The key block will be left readable and writeable (due to --no-protect-key)."
                : "The key block will be read and write protected (no further changes or readback).");
        log.println(" ");
    }

    /** ESP32 burn-key-digest: the Secure Boot V2 public-key digest into BLOCK2. */
    public void burnDigestEsp32(byte[] digest, boolean noProtect, boolean show) {
        if (ef.esp32CodingScheme() != 0) {
            throw new EfuseException("burn-key-digest only works with 'None' coding scheme");
        }
        int rev = ef.esp32Revision();
        if (rev < 300) {
            throw new EfuseException(String.format("Incorrect chip revision for Secure boot v2. Detected: v%d.%d. "
                    + "Expected: >= v3.0", rev / 100, rev % 100));
        }
        BlockDef b = ef.chip.blocks.get(2);
        showKey(b.name(), digest, show);
        plan.save(ef.field(b.name()), digest);
        if (!noProtect) {
            log.println("Disabling write to eFuse " + b.name() + "...");
            protectWrite(b.wrDisBit());
        }
    }
}
