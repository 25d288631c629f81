package org.jesptool.efuse;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Staged eFuse bits, per block, and the burn of them. {@link #save} stages a field's new value after the
 * reference's checks (bits that would have to go 1 to 0, read- and write-protection); {@link #burnAll} checks
 * every block against its coding scheme, asks for confirmation, programs the blocks from the highest id down
 * (BLOCK0's protection and security fields last unless postponing is off) and verifies what was read back.
 * Nothing reaches the controller before every check has passed and the burn was confirmed.
 */
public final class BurnPlan {
    private final Efuses ef;
    private final EfuseLog log;
    private final byte[][] pending;
    private Boolean forceWriteAlways;
    private boolean postpone = true;

    public BurnPlan(Efuses ef, EfuseLog log) {
        this.ef = ef;
        this.log = log;
        this.pending = new byte[ef.chip.blocks.size()][];
        clear();
    }

    private void clear() {
        for (BlockDef b : ef.chip.blocks) {
            pending[b.id()] = new byte[ef.data[b.id()].length];
        }
    }

    /** The --force-write-always flag as the command line set it (null: no command had the option). */
    public void forceWriteAlways(Boolean f) {
        forceWriteAlways = f;
    }

    public void postpone(boolean p) {
        postpone = p;
    }

    public Efuses efuses() {
        return ef;
    }

    /** True if some block has staged bits. */
    public boolean anything() {
        for (byte[] p : pending) {
            if (!Bytes.isZero(p)) {
                return true;
            }
        }
        return false;
    }

    /** The staged bits of one block. */
    public byte[] pending(int block) {
        return pending[block].clone();
    }

    /** Reports a problem: fatal unless --force-write-always was given (then it is skipped). */
    void error(String msg) {
        if (Boolean.TRUE.equals(forceWriteAlways)) {
            log.println(msg + " Skipped because '--force-write-always' option.");
            return;
        }
        if (Boolean.FALSE.equals(forceWriteAlways)) {
            throw new EfuseException(msg + " (use '--force-write-always' option to ignore it)");
        }
        throw new EfuseException(msg);
    }

    // ---------------------------------------------------------------- field bits

    BigInteger fieldBits(FieldDef f, byte[] block) {
        BigInteger v = BigInteger.ZERO;
        int start = f.start();
        for (int i = 0; i < f.bitLen; i++) {
            int b = start + i;
            if (b / 8 < block.length && (block[b / 8] >>> (b % 8) & 1) != 0) {
                v = v.setBit(i);
            }
        }
        return v;
    }

    /** The field's value as bits (bytes fields: memory order, first byte lowest). */
    static BigInteger bitsOf(FieldDef f, Object value) {
        if (value instanceof byte[] b) {
            return new BigInteger(1, Efuses.reverse(b));
        }
        if (value instanceof BigInteger bi) {
            return bi;
        }
        if (value instanceof Boolean bo) {
            return bo ? BigInteger.ONE : BigInteger.ZERO;
        }
        return BigInteger.valueOf(((Number) value).longValue());
    }

    /** Stages a new value for a field (long, BigInteger, Boolean, or byte[] in memory order). */
    public void save(FieldDef f, Object value) {
        BigInteger nv = bitsOf(f, value);
        if (nv.bitLength() > f.bitLen) {
            throw new EfuseException(nv + " is too large an unsigned integer for a bitstring of length " + f.bitLen
                    + ". The allowed range is [0, " + BigInteger.ONE.shiftLeft(f.bitLen).subtract(BigInteger.ONE)
                    + "].");
        }
        BigInteger read = fieldBits(f, ef.data[f.block]);
        BigInteger pend = fieldBits(f, pending[f.block]);
        BigInteger old = read.or(pend);
        if (nv.signum() == 0 && old.signum() == 0) {
            return;
        }
        if (nv.equals(old) || nv.andNot(read).signum() == 0) {
            log.println("\tThe same value for " + f.name + " is already burned. Do not change the eFuse.");
            return;
        }
        if (nv.equals(pend)) {
            log.println("\tThe same value for " + f.name + " is already prepared for the burn operation.");
            return;
        }
        if (!f.name.equals("WR_DIS") && !f.name.equals("RD_DIS")) {
            if (read.andNot(nv).signum() != 0) {
                error("\tNew value contains some bits that cannot be cleared (value will be "
                        + Efuses.bitsText(f.bitLen, read.or(nv)) + ")");
            }
            if (!ef.readable(f)) {
                error("\t" + f.name + " is read-protected. The written value can not be read, the eFuse/block looks"
                        + " as all 0.\n\tBurn in this case may damage an already written value.");
            }
            if (!ef.writeable(f)) {
                error("\t" + f.name + " is write-protected. Burn is not possible.");
            }
        }
        byte[] p = pending[f.block];
        int start = f.start();
        for (int i = 0; i < f.bitLen; i++) {
            if (nv.testBit(i)) {
                int b = start + i;
                p[b / 8] |= (byte) (1 << (b % 8));
            }
        }
    }

    /** Stages a block's bits as they are (check-error --recovery re-burns what was read). */
    void stageRaw(int block, byte[] bits) {
        for (int i = 0; i < bits.length && i < pending[block].length; i++) {
            pending[block][i] |= bits[i];
        }
    }

    /** The staged value of a field (what will be ORed in). */
    public BigInteger staged(FieldDef f) {
        return fieldBits(f, pending[f.block]);
    }

    // ---------------------------------------------------------------- burn

    private static String blockHex(byte[] b) {
        return "0x" + Bytes.hex(Efuses.reverse(b));
    }

    private boolean blockReadable(BlockDef b) {
        long rd = ef.rdDis();
        for (int bit : b.rdDisBits()) {
            if ((rd >>> bit & 1) != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean blockWriteable(BlockDef b) {
        return b.wrDisBit() < 0 || (ef.wrDis() >>> b.wrDisBit() & 1) == 0;
    }

    /** Checks every block with staged bits; throws (before anything is written) if a block refuses them. */
    public void check() {
        log.println("\nCheck all blocks for burn...");
        log.println("idx, BLOCK_NAME,          Conclusion");
        for (BlockDef b : ef.chip.blocks) {
            byte[] p = pending[b.id()];
            if (Bytes.isZero(p)) {
                continue;
            }
            byte[] d = ef.data[b.id()];
            String head = String.format("[%02d] %-20s ", b.id(), b.name());
            if (b.id() > 0 && !blockReadable(b)) {
                log.println(head + "is read-protected");
                error("\t" + b.name() + " is read-protected. The written value can not be read, the eFuse/block looks"
                        + " as all 0.\n\tBurn in this case may damage an already written value.");
            }
            if (b.id() > 0 && !blockWriteable(b)) {
                log.println(head + "is write-protected");
                error("\t" + b.name() + " is write-protected. Burn is not possible.");
            }
            if (Bytes.isZero(d)) {
                log.println(head + "is empty, will burn the new value");
                continue;
            }
            if (java.util.Arrays.equals(d, p)) {
                log.println(head + "is already written the same value, continue with EMPTY_BLOCK");
                java.util.Arrays.fill(p, (byte) 0);
                continue;
            }
            log.println(head + "is not empty");
            log.println("\t(written ): " + blockHex(d));
            log.println("\t(to write): " + blockHex(p));
            boolean subset = true;
            for (int i = 0; i < p.length; i++) {
                subset &= (p[i] & ~d[i]) == 0;
            }
            if (subset) {
                log.println("\tAll wr_data bits are set in the written block, continue with EMPTY_BLOCK.");
                java.util.Arrays.fill(p, (byte) 0);
                continue;
            }
            if (b.id() == 0 || (ef.chip.esp32Controller && ef.esp32CodingScheme() == 0)) {
                log.println("\t(coding scheme = NONE)");
            } else if (ef.chip.esp32Controller) {
                log.println("\t(coding scheme = 3/4)");
                boolean bad = false;
                for (int c = 0; c < 4; c++) {
                    byte[] rc = java.util.Arrays.copyOfRange(d, c * 6, c * 6 + 6);
                    byte[] wc = java.util.Arrays.copyOfRange(p, c * 6, c * 6 + 6);
                    if (Bytes.isZero(rc) || Bytes.isZero(wc)) {
                        continue;
                    }
                    if (java.util.Arrays.equals(rc, wc)) {
                        log.println("\twritten chunk [" + c + "] and wr_chunk are not empty. wr_chunk == rd_chunk. "
                                + "Continue with empty chunk.");
                        java.util.Arrays.fill(p, c * 6, c * 6 + 6, (byte) 0);
                    } else {
                        log.println("\twritten chunk [" + c + "] and wr_chunk are not empty. wr_chunk != rd_chunk. "
                                + "Can not burn.");
                        log.println("\twritten  " + Bytes.hex(rc));
                        log.println("\tto write " + Bytes.hex(wc));
                        bad = true;
                    }
                }
                if (bad) {
                    error("\tBurn into " + b.name() + " is forbidden (3/4 coding scheme does not allow this).");
                }
            } else {
                log.println("\t(coding scheme = RS)");
                error("\tBurn into " + b.name() + " is forbidden (RS coding scheme does not allow this).");
            }
        }
    }

    /**
     * Checks, asks for confirmation and burns everything staged. Returns false if the user declined (nothing
     * was written). {@code action} is the text before "This is an irreversible operation!".
     */
    public boolean burnAll(String action, EfuseLog.Confirm confirm) throws IOException {
        check();
        if (!anything()) {
            log.println("Nothing to burn, see messages above.");
            return true;
        }
        log.println(action);
        log.println("This is an irreversible operation!");
        if (!confirm.confirm(action)) {
            return false;
        }
        Programmer prog = new Programmer(ef.chip, ef.ctl);
        List<BurnStopped.Step> steps = plannedSteps();
        int done = 0; // steps burned and read back
        int commands = 0; // burn commands sent before the current step
        try {
            for (int id = ef.chip.blocks.size() - 1; id >= 0; id--) {
                BlockDef b = ef.chip.blocks.get(id);
                if (Bytes.isZero(pending[id])) {
                    if (id == 0 && postpone) {
                        log.println("Burn postponed eFuses from BLOCK0.");
                    }
                    continue;
                }
                if (id == 0 && postpone) {
                    boolean laterStep = false;
                    List<Object[]> later = new ArrayList<>();
                    for (FieldDef f : postponedFields()) {
                        BigInteger value = staged(f);
                        laterStep |= value.signum() != 0;
                        later.add(new Object[] {f, value});
                        clearBits(pending[0], f);
                    }
                    boolean firstStep = !Bytes.isZero(pending[0]);
                    burnBlock(prog, b);
                    done += firstStep ? 1 : 0;
                    commands = prog.burnCommands();
                    log.println("Burn postponed eFuses from BLOCK0.");
                    for (Object[] l : later) {
                        save((FieldDef) l[0], l[1]);
                    }
                    burnBlock(prog, b);
                    done += laterStep ? 1 : 0;
                } else {
                    burnBlock(prog, b);
                    done++;
                }
                commands = prog.burnCommands();
            }
            clear();
            log.println("Reading updated eFuses...");
            ef.refresh();
        } catch (IOException | EfuseException e) {
            if (done == 0 && prog.burnCommands() == 0) {
                throw e; // nothing was burned
            }
            List<BurnStopped.Step> report = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                BurnStopped.Step st = steps.get(i);
                BurnStopped.State state = i < done ? BurnStopped.State.BURNED : i > done
                        || prog.burnCommands() == commands ? BurnStopped.State.NOT_BURNED
                        : BurnStopped.State.MAYBE_BURNED;
                report.add(new BurnStopped.Step(st.block(), st.name(), st.bits(), st.fields(), state));
            }
            throw new BurnStopped(e, report);
        }
        return true;
    }

    /** The steps {@link #burnAll} runs for what is staged, in order, each as not burned yet. */
    private List<BurnStopped.Step> plannedSteps() {
        List<BurnStopped.Step> steps = new ArrayList<>();
        for (int id = ef.chip.blocks.size() - 1; id >= 0; id--) {
            byte[] bits = pending[id].clone();
            if (id == 0 && postpone) {
                byte[] first = bits.clone();
                for (FieldDef f : postponedFields()) {
                    clearBits(first, f);
                }
                for (int i = 0; i < bits.length; i++) {
                    bits[i] &= (byte) ~first[i];
                }
                addStep(steps, 0, first);
                addStep(steps, 0, bits);
            } else {
                addStep(steps, id, bits);
            }
        }
        return steps;
    }

    private void addStep(List<BurnStopped.Step> steps, int id, byte[] bits) {
        if (Bytes.isZero(bits)) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (FieldDef f : ef.fields()) {
            if (f.block == id && !f.calculated() && fieldBits(f, bits).signum() != 0 && !names.contains(f.name)) {
                names.add(f.name);
            }
        }
        String name = ef.chip.blocks.get(id).name();
        steps.add(new BurnStopped.Step(id, name, bits, names.isEmpty() ? List.of(name) : List.copyOf(names),
                BurnStopped.State.NOT_BURNED));
    }

    /** BLOCK0's fields that burn in a step of their own, last (those this chip has). */
    private List<FieldDef> postponedFields() {
        List<FieldDef> fields = new ArrayList<>();
        for (String n : ef.chip.postponed) {
            FieldDef f = ef.field(n);
            if (f != null && f.block == 0) {
                fields.add(f);
            }
        }
        return fields;
    }

    /** Clears the field's bits in {@code block} (bits of the field's block, in block byte order). */
    private static void clearBits(byte[] block, FieldDef f) {
        for (int i = 0; i < f.bitLen; i++) {
            int b = f.start() + i;
            block[b / 8] &= (byte) ~(1 << (b % 8));
        }
    }

    private void burnBlock(Programmer prog, BlockDef b) throws IOException {
        byte[] want = pending[b.id()].clone();
        if (Bytes.isZero(want)) {
            return;
        }
        boolean threeQuarter = ef.chip.esp32Controller && ef.esp32CodingScheme() == 1;
        for (int attempt = 1; ; attempt++) {
            prog.program(b, want, threeQuarter);
            ef.refresh();
            if (ef.hasErrors() && ef.errorCount(b.id()) + (ef.failed(b.id()) ? 1 : 0) != 0) {
                if (attempt < 3) {
                    log.println("Error in BLOCK" + b.id() + ", re-burn it again (#" + attempt + ") to fix. fail_bit="
                            + (ef.failed(b.id()) ? 1 : 0) + ", num_errors=" + ef.errorCount(b.id()));
                    continue;
                }
                throw new EfuseException("Error(s) were detected in eFuses");
            }
            byte[] got = ef.data[b.id()];
            String alias = b.aliases().isEmpty() ? "" : " (['" + String.join("', '", b.aliases()) + "'])";
            if (!blockReadable(b)) {
                if (!Bytes.isZero(got)) {
                    throw new EfuseException("The " + b.name() + " is read-protected but not all '0' (" + Bytes.hex(got)
                            + ")");
                }
                log.println(b.name() + alias + " is read-protected. Read back the burn value is not possible.");
                log.println("Read all '0'");
                break;
            }
            boolean all = true;
            for (int i = 0; i < want.length; i++) {
                all &= (want[i] & ~got[i]) == 0;
            }
            if (all) {
                log.println(String.format("BURN BLOCK%-2d - OK (%s)", b.id(),
                        java.util.Arrays.equals(want, got) ? "write block == read block" : "all write block bits are set"));
                break;
            }
            if (attempt < 3) {
                log.println("\nRepeat burning BLOCK" + b.id() + " (#" + attempt + ") because not all bits were set");
                continue;
            }
            log.println("\nAfter 3 attempts, the required data was not set to BLOCK" + b.id());
            throw new EfuseException("Burn " + b.name() + alias + " was not successful.");
        }
        pending[b.id()] = new byte[pending[b.id()].length];
    }
}
