package org.jesptool.efuse;

import java.util.ArrayList;
import java.util.List;

/**
 * The eFuse facts of one chip: controller base and register offsets, blocks, timing set-up, key purposes,
 * calculated fields and the field table it uses. Pure data; {@link EfuseChips} holds one per chip.
 */
public final class EfuseChip {
    final String name;
    final String display;
    final String table;
    final String extraTable;
    final boolean esp32Controller;
    final int base;
    final int memSize;
    final List<BlockDef> blocks;
    final int pgmData;
    final int pgmCheck;
    final int conf;
    final int cmd;
    final int decStatus;
    final int[] repeatErr;
    final int[] rsErr;
    /** Timing set-up before programming, as {offset, mask, value} (value unshifted, the field's own value). */
    final List<int[]> timing;
    final int virtXtalMhz;
    final int[] xtalAccepted;
    final String xtalError;
    final List<KeyPurpose> purposes;
    final List<FieldDef> calculated;
    final int calibrationThreshold;
    final boolean reverseMessageNamesPurpose;
    final List<String> postponed;
    final String flashVoltageFields;
    final boolean errorLineDot;
    final boolean splitKeyBlock;
    final java.util.Set<String> hiddenFields;
    final List<List<String>> romExclusiveFields;
    final boolean adcInfoBlankLine;
    final boolean key5XtsBug;

    EfuseChip(Builder b) {
        name = b.name;
        display = b.display;
        table = b.table;
        extraTable = b.extraTable;
        esp32Controller = b.esp32Controller;
        base = b.base;
        memSize = b.memSize;
        blocks = List.copyOf(b.blocks);
        pgmData = b.pgmData;
        pgmCheck = b.pgmCheck;
        conf = b.conf;
        cmd = b.cmd;
        decStatus = b.decStatus;
        repeatErr = b.repeatErr;
        rsErr = b.rsErr;
        timing = List.copyOf(b.timing);
        virtXtalMhz = b.virtXtalMhz;
        xtalAccepted = b.xtalAccepted;
        xtalError = b.xtalError;
        purposes = List.copyOf(b.purposes);
        calculated = List.copyOf(b.calculated);
        calibrationThreshold = b.calibrationThreshold;
        reverseMessageNamesPurpose = b.reverseMessageNamesPurpose;
        postponed = b.postponed;
        flashVoltageFields = b.flashVoltageFields;
        errorLineDot = b.errorLineDot;
        splitKeyBlock = b.splitKeyBlock;
        hiddenFields = java.util.Set.copyOf(b.hiddenFields);
        romExclusiveFields = List.copyOf(b.romExclusiveFields);
        adcInfoBlankLine = b.adcInfoBlankLine;
        key5XtsBug = b.key5XtsBug;
    }

    /** Lower-case name as used by {@code --chip} (e.g. esp32c3). */
    public String name() {
        return name;
    }

    /** Marketing name (e.g. ESP32-C3). */
    public String displayName() {
        return display;
    }

    public int base() {
        return base;
    }

    /** Size of the controller's register window in bytes (the --path-efuse-file size). */
    public int memSize() {
        return memSize;
    }

    public List<BlockDef> blocks() {
        return blocks;
    }

    public List<KeyPurpose> purposes() {
        return purposes;
    }

    /** True if set-flash-voltage exists on this chip. */
    public boolean hasFlashVoltage() {
        return flashVoltageFields != null;
    }

    /** Whether the start-up "Error(s) in BLOCKn" line ends with a dot (it does on most chips). */
    public boolean errorLineDot() {
        return errorLineDot;
    }

    public boolean isEsp32() {
        return esp32Controller;
    }

    /**
     * True when the chip has a single key block whose low 128 bits hold the flash encryption key and whose high
     * 128 bits the secure boot digest (ESP32-C2's BLOCK_KEY0): keys go in whole or by half, and a secure boot
     * digest takes one key file.
     */
    public boolean splitKeyBlock() {
        return splitKeyBlock;
    }

    /**
     * Pairs of fields the ROM bootloader cannot have both burned (a ROM bug, ESP32-S3: DIS_USB_JTAG and
     * DIS_USB_SERIAL_JTAG); burning the second is refused without --force.
     */
    public List<List<String>> romExclusiveFields() {
        return romExclusiveFields;
    }

    /** Whether adc-info prints an empty line before "Block version" (ESP32-S3 does). */
    public boolean adcInfoBlankLine() {
        return adcInfoBlankLine;
    }

    BlockDef block(int id) {
        return blocks.get(id);
    }

    /** Block by name or alias, or null. */
    public BlockDef blockNamed(String n) {
        for (BlockDef b : blocks) {
            if (b.answersTo(n)) {
                return b;
            }
        }
        return null;
    }

    /** Purpose by name (exact), or null. */
    public KeyPurpose purpose(String n) {
        for (KeyPurpose p : purposes) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        return null;
    }

    /** Display name of a purpose value: the first name in table order with that value. */
    String purposeName(long v) {
        for (KeyPurpose p : purposes) {
            if (p.value() == v) {
                return p.name();
            }
        }
        return "FORBIDDEN_STATE";
    }

    static final class Builder {
        String name;
        String display;
        String table;
        String extraTable;
        boolean esp32Controller;
        int base;
        int memSize = 0x200;
        List<BlockDef> blocks = new ArrayList<>();
        int pgmData;
        int pgmCheck = 0x20;
        int conf;
        int cmd;
        int decStatus = -1;
        int[] repeatErr = new int[0];
        int[] rsErr = new int[0];
        List<int[]> timing = new ArrayList<>();
        int virtXtalMhz = 40;
        int[] xtalAccepted = {40};
        String xtalError;
        List<KeyPurpose> purposes = new ArrayList<>();
        List<FieldDef> calculated = new ArrayList<>();
        int calibrationThreshold = 1;
        boolean reverseMessageNamesPurpose;
        List<String> postponed = List.of("WR_DIS", "RD_DIS", "ENABLE_SECURITY_DOWNLOAD", "DIS_DOWNLOAD_MODE",
                "SPI_BOOT_CRYPT_CNT", "SECURE_BOOT_EN");
        String flashVoltageFields;
        boolean errorLineDot = true;
        boolean splitKeyBlock;
        /** Table fields the reference does not list for this chip. */
        java.util.Set<String> hiddenFields = java.util.Set.of();
        List<List<String>> romExclusiveFields = List.of();
        boolean adcInfoBlankLine;
        /** A hardware bug keeps XTS-AES keys out of BLOCK_KEY5 (KEY_PURPOSE_5): burn-key refuses them there. */
        boolean key5XtsBug;

        Builder(String name, String display, int base) {
            this.name = name;
            this.display = display;
            this.table = name;
            this.base = base;
        }

        Builder timing(int offset, int mask, int value) {
            timing.add(new int[] {offset, mask, value});
            return this;
        }

        Builder purpose(String n, int v, String flags) {
            purposes.add(KeyPurpose.of(n, v, flags));
            return this;
        }

        Builder calc(String n, int block, String type, String category, String desc, Object... partsAndShifts) {
            List<java.util.Map.Entry<String, Integer>> parts = new ArrayList<>();
            for (int i = 0; i < partsAndShifts.length; i += 2) {
                parts.add(java.util.Map.entry((String) partsAndShifts[i], (Integer) partsAndShifts[i + 1]));
            }
            int len = type.equals("bool") ? 1 : Integer.parseInt(type.substring(type.indexOf(':') + 1))
                    * (type.startsWith("bytes") ? 8 : 1);
            FieldDef.Kind kind = type.startsWith("bytes") ? FieldDef.Kind.EUI64 : FieldDef.Kind.CALC;
            calculated.add(new FieldDef(n, block, null, null, len, type, -1, new int[0], List.of(),
                    new java.util.LinkedHashMap<>(), desc, category, kind, parts));
            return this;
        }

        EfuseChip build() {
            return new EfuseChip(this);
        }
    }
}
