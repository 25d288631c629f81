package org.jesptool.efuse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The eFuses of one chip as read through a controller: every block's read registers, the error registers,
 * and the chip's field list (decoded from the field table). Values are read from the block images here;
 * burning goes through {@link BurnPlan}.
 */
public final class Efuses {
    final EfuseChip chip;
    final EfuseController ctl;
    final byte[][] data;
    final int[] errors;
    final boolean[] fails;
    private final List<FieldDef> fields = new ArrayList<>();
    private final Map<String, FieldDef> byName = new LinkedHashMap<>();
    private final Path customTable;
    int apbCtlDate;

    private Efuses(EfuseChip chip, EfuseController ctl, Path customTable) {
        this.chip = chip;
        this.ctl = ctl;
        this.customTable = customTable;
        this.data = new byte[chip.blocks.size()][];
        this.errors = new int[chip.blocks.size()];
        this.fails = new boolean[chip.blocks.size()];
    }

    /** Reads every block and builds the field list; {@code customTable} may be null. */
    public static Efuses read(EfuseChip chip, EfuseController ctl, Path customTable) throws IOException {
        Efuses e = new Efuses(chip, ctl, customTable);
        if (chip.esp32Controller) {
            e.apbCtlDate = ctl.readAbsolute(0x3FF6607C);
        }
        e.refresh();
        return e;
    }

    public EfuseChip chip() {
        return chip;
    }

    public EfuseController controller() {
        return ctl;
    }

    /** Re-reads every block and the error registers, and rebuilds the field list. */
    public void refresh() throws IOException {
        for (BlockDef b : chip.blocks) {
            int words = b.words();
            if (chip.esp32Controller && b.id() > 0 && codingScheme() == 1) {
                words = 6;
            }
            int[] w = new int[words];
            for (int k = 0; k < words; k++) {
                w[k] = ctl.read(b.rdOffset() + 4 * k);
            }
            data[b.id()] = Bytes.fromWords(w);
        }
        readErrors();
        buildFields();
    }

    int codingScheme() throws IOException {
        if (!chip.esp32Controller) {
            return 0;
        }
        int cs = ctl.read(0x18) & 3;
        return cs == 3 ? 0 : cs;
    }

    /**
     * ESP32 chip revision (major*100 + minor) for the revision checks: from CHIP_VER_REV1/2 and APB_CTL_DATE on a
     * chip; the emulated controller reports v3.0, as the reference's does.
     */
    public int esp32Revision() {
        if (ctl.virtual()) {
            return 300;
        }
        return (int) (uint(byName.get("WAFER_VERSION_MAJOR")) * 100 + uint(byName.get("WAFER_VERSION_MINOR")));
    }

    /** ESP32 coding scheme of BLOCK1-3 (0 none, 1 3/4); 0 on later chips (blocks use Reed-Solomon). */
    public int esp32CodingScheme() {
        return chip.esp32Controller ? (int) (bits(0, 6 * 32, 2) == 3 ? 0 : bits(0, 6 * 32, 2)) : 0;
    }

    private void readErrors() throws IOException {
        java.util.Arrays.fill(errors, 0);
        java.util.Arrays.fill(fails, false);
        if (chip.esp32Controller) {
            int dec = ctl.read(chip.decStatus) & 0xFFF;
            if (dec != 0) {
                for (int b = 1; b < 4; b++) {
                    fails[b] = true;
                }
            }
            return;
        }
        int rep = 0;
        for (int off : chip.repeatErr) {
            rep += Integer.bitCount(ctl.read(off));
        }
        errors[0] = rep;
        fails[0] = rep != 0;
        if (chip.rsErr.length == 0) {
            return;
        }
        int rs0 = ctl.read(chip.rsErr[0]);
        int rs1 = chip.rsErr.length > 1 ? ctl.read(chip.rsErr[1]) : 0;
        for (int n = 1; n < chip.blocks.size(); n++) {
            int reg = n <= 8 ? rs0 : rs1;
            int shift = n <= 8 ? 4 * (n - 1) : 4 * (n - 9);
            errors[n] = reg >>> shift & 7;
            fails[n] = (reg >>> (shift + 3) & 1) != 0;
        }
    }

    /** True if any block reports coding errors. */
    public boolean hasErrors() {
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] != 0 || fails[i]) {
                return true;
            }
        }
        return false;
    }

    public int errorCount(int block) {
        return errors[block];
    }

    public boolean failed(int block) {
        return fails[block];
    }

    /** The block's bytes as read (read-protected blocks read as zeros). */
    public byte[] blockBytes(int block) {
        return data[block].clone();
    }

    // ---------------------------------------------------------------- field list

    private void buildFields() throws IOException {
        fields.clear();
        byName.clear();
        List<FieldDef> base = new ArrayList<>();
        for (FieldTables.Raw r : FieldTables.load(chip.table)) {
            if (r.show()) {
                base.add(r.def());
            }
        }
        if (chip.extraTable != null) {
            for (FieldTables.Raw r : FieldTables.load(chip.extraTable)) {
                base.add(r.def());
            }
        }
        // Probe values with a provisional index (block version, BLK3_PART_RESERVE).
        for (FieldDef f : base) {
            byName.putIfAbsent(f.name, f);
        }
        List<FieldDef> keyBlocks = new ArrayList<>();
        List<FieldDef> calibration = new ArrayList<>();
        List<FieldDef> list = new ArrayList<>();
        boolean calib = chip.esp32Controller || blockVersion() >= chip.calibrationThreshold;
        boolean esp32Adc = chip.esp32Controller && has("BLK3_PART_RESERVE") && uint(byName.get("BLK3_PART_RESERVE")) == 1;
        for (FieldDef f : base) {
            String n = f.name;
            if (chip.hiddenFields.contains(n)) {
                continue;
            }
            if (chip.esp32Controller) {
                if (n.equals("BLOCK1") || n.equals("BLOCK2")) {
                    keyBlocks.add(f);
                    continue;
                }
                if (n.startsWith("ADC1_TP_") || n.startsWith("ADC2_TP_")) {
                    if (esp32Adc) {
                        calibration.add(f.withKind(FieldDef.Kind.ADC_TP));
                    }
                    continue;
                }
            } else {
                if (n.equals("BLOCK_USR_DATA") || n.startsWith("BLOCK_KEY") || n.equals("BLOCK_SYS_DATA2")) {
                    keyBlocks.add(n.equals("BLOCK_USR_DATA") ? f.withType("bytes:32", 256) : f);
                    continue;
                }
                if (f.category.equals("calibration")) {
                    if (calib) {
                        calibration.add(classify(f));
                    }
                    continue;
                }
            }
            list.add(classify(f));
        }
        if (chip.esp32Controller) {
            boolean threeQuarter = esp32CodingScheme() == 1;
            BlockDef b3 = chip.blocks.get(3);
            keyBlocks.add(new FieldDef("BLOCK3", 3, 0, 0, 256, "bytes:32", b3.wrDisBit(), b3.rdDisBits(), List.of(),
                    new LinkedHashMap<>(), "Variable Block 3", "security", FieldDef.Kind.PLAIN, List.of()));
            if (threeQuarter) {
                keyBlocks.replaceAll(f -> f.withType("bytes:24", 192));
            }
        }
        if (chip.splitKeyBlock) {
            FieldDef k0 = keyBlocks.stream().filter(f -> f.name.equals("BLOCK_KEY0")).findFirst().orElseThrow();
            keyBlocks.add(new FieldDef("BLOCK_KEY0_LOW_128", 3, 0, 0, 128, "bytes:16", k0.wrDis, new int[] {0},
                    List.of(), new LinkedHashMap<>(), "BLOCK_KEY0 - lower 128-bits. 128-bit key of Flash Encryption",
                    "security", FieldDef.Kind.PLAIN, List.of()));
            keyBlocks.add(new FieldDef("BLOCK_KEY0_HI_128", 3, 4, 0, 128, "bytes:16", k0.wrDis, new int[] {1},
                    List.of(), new LinkedHashMap<>(), "BLOCK_KEY0 - higher 128-bits. 128-bits key of Secure Boot",
                    "security", FieldDef.Kind.PLAIN, List.of()));
        }
        list.addAll(keyBlocks);
        list.addAll(calibration);
        list.addAll(chip.calculated);
        if (customTable != null) {
            List<FieldDef> custom = CustomTable.read(customTable, list, chip.blocks);
            List<String> dup = new ArrayList<>();
            for (FieldDef c : custom) {
                for (FieldDef f : list) {
                    if (f.name.equals(c.name) || f.alts.contains(c.name)) {
                        dup.add(c.name);
                    }
                }
            }
            if (!dup.isEmpty()) {
                throw new EfuseException("Names that are not unique: " + dup + ". Duplicate names found in eFuses"
                        + " (extended by " + customTable + ")");
            }
            list.addAll(custom);
        }
        byName.clear();
        for (FieldDef f : list) {
            fields.add(f);
            byName.put(f.name, f);
        }
        for (FieldDef f : list) {
            for (String a : f.alts) {
                byName.putIfAbsent(a, f);
            }
        }
    }

    private FieldDef classify(FieldDef f) {
        String n = f.name;
        if (n.equals("MAC") || n.equals("CUSTOM_MAC") || n.equals("MAC_EXT")) {
            return f.withKind(FieldDef.Kind.MAC);
        }
        if (n.matches("KEY_PURPOSE_\\d")) {
            return f.withKind(FieldDef.Kind.KEY_PURPOSE);
        }
        if (chip.esp32Controller && n.equals("ADC_VREF")) {
            return f.withKind(FieldDef.Kind.VREF);
        }
        if (chip.esp32Controller && n.startsWith("SPI_PAD_CONFIG")) {
            return f.withKind(FieldDef.Kind.SPI_PIN);
        }
        if (f.category.equals("calibration")) {
            if (n.contains("TEMP_CALIB")) {
                return f.withKind(FieldDef.Kind.T_SENSOR);
            }
            if (n.contains("ADC") || n.contains("LDO") || n.contains("DBIAS") || n.contains("_HVT")) {
                return f.withKind(FieldDef.Kind.ADC_TP);
            }
        }
        return f;
    }

    private boolean has(String n) {
        return byName.containsKey(n);
    }

    /** BLK_VERSION_MAJOR*100 + BLK_VERSION_MINOR (0 where the chip has no such fields). */
    public int blockVersion() {
        FieldDef maj = byName.get("BLK_VERSION_MAJOR");
        FieldDef min = byName.get("BLK_VERSION_MINOR");
        return (int) ((maj == null ? 0 : uint(maj)) * 100 + (min == null ? 0 : uint(min)));
    }

    /** Every shown field, in the reference's order. */
    public List<FieldDef> fields() {
        return List.copyOf(fields);
    }

    /** A field by name or alternative name, or null. */
    public FieldDef field(String name) {
        return byName.get(name);
    }

    /** Every name and alternative name, for "Available eFuse names" messages. */
    public List<String> allNames() {
        return new ArrayList<>(byName.keySet());
    }

    // ---------------------------------------------------------------- values

    long bits(int block, int start, int len) {
        byte[] d = data[block];
        long v = 0;
        for (int i = 0; i < len; i++) {
            int b = start + i;
            if (b / 8 < d.length && (d[b / 8] >>> (b % 8) & 1) != 0) {
                v |= 1L << i;
            }
        }
        return v;
    }

    /** The raw value of a non-bytes field (calculated fields included). */
    public long uint(FieldDef f) {
        if (f.calculated()) {
            if (f.parts.isEmpty() && f.name.equals("WAFER_VERSION_MAJOR")) {
                long code = uint(byName.get("CHIP_VER_REV1")) | uint(byName.get("CHIP_VER_REV2")) << 1
                        | (long) (apbCtlDate >>> 31 & 1) << 2;
                return code == 0 ? 0 : code == 1 ? 1 : code == 3 ? 2 : code == 7 ? 3 : 0;
            }
            long v = 0;
            for (Map.Entry<String, Integer> p : f.parts) {
                FieldDef part = byName.get(p.getKey());
                v |= (part == null ? 0 : uint(part)) << p.getValue();
            }
            return v;
        }
        return bits(f.block, f.start(), f.bitLen);
    }

    /** The bytes of a bytes field in memory order. */
    public byte[] bytes(FieldDef f) {
        if (f.kind == FieldDef.Kind.EUI64) {
            byte[] mac = bytes(byName.get("MAC"));
            byte[] ext = bytes(byName.get("MAC_EXT"));
            return new byte[] {mac[0], mac[1], mac[2], ext[0], ext[1], mac[3], mac[4], mac[5]};
        }
        byte[] out = new byte[f.bitLen / 8];
        byte[] d = data[f.block];
        int from = f.start() / 8;
        // a block read with 3/4 coding holds 24 bytes: a (custom) field past them reads as zeros, as bits() does
        System.arraycopy(d, Math.min(from, d.length), out, 0, Math.max(0, Math.min(out.length, d.length - from)));
        return out;
    }

    /** True unless an RD_DIS bit of the field is set. */
    public boolean readable(FieldDef f) {
        long rd = rdDis();
        for (int b : f.rdDis) {
            if ((rd >>> b & 1) != 0) {
                return false;
            }
        }
        return true;
    }

    /** True unless the field's WR_DIS bit is set. */
    public boolean writeable(FieldDef f) {
        return f.wrDis < 0 || (wrDis() >>> f.wrDis & 1) == 0;
    }

    long rdDis() {
        FieldDef f = byName.get("RD_DIS");
        return f == null ? 0 : uint(f);
    }

    long wrDis() {
        FieldDef f = byName.get("WR_DIS");
        return f == null ? 0 : uint(f);
    }

    /** The value as the summary shows it: Boolean, Long, Double or String. */
    public Object value(FieldDef f) {
        Object v = meaningful(f);
        if (readable(f)) {
            return v;
        }
        String text = v instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(v);
        if (f.rdDis.length > 1 && f.isBytes()) {
            // Only the half hidden by a set RD_DIS bit turns into '?'.
            String[] parts = text.split(" ");
            long rd = rdDis();
            for (int i = 0; i < f.rdDis.length; i++) {
                if ((rd >>> f.rdDis[i] & 1) != 0) {
                    int per = parts.length / f.rdDis.length;
                    for (int k = i * per; k < (i + 1) * per; k++) {
                        parts[k] = parts[k].replace('0', '?');
                    }
                }
            }
            return String.join(" ", parts);
        }
        return text.replace('0', '?');
    }

    private Object meaningful(FieldDef f) {
        switch (f.kind) {
            case MAC:
                return macText(f);
            case EUI64:
                return macJoin(bytes(f)) + " (OK)";
            case KEY_PURPOSE:
                return chip.purposeName(purposeValue(f));
            case VREF: {
                long raw = uint(f);
                long mag = raw & 0xF;
                return 1100 + ((raw & 0x10) != 0 ? -mag : mag) * 7;
            }
            case ADC_TP: {
                long raw = uint(f);
                if (chip.esp32Controller) {
                    int[] offs = {278, 3265, 421, 3406};
                    String[] names = {"ADC1_TP_LOW", "ADC1_TP_HIGH", "ADC2_TP_LOW", "ADC2_TP_HIGH"};
                    int idx = java.util.Arrays.asList(names).indexOf(f.name);
                    long signed = raw >= 1L << (f.bitLen - 1) ? raw - (1L << f.bitLen) : raw;
                    return offs[Math.max(idx, 0)] + 4 * signed;
                }
                long sign = raw >>> (f.bitLen - 1) & 1;
                long mag = raw & ((1L << (f.bitLen - 1)) - 1);
                return (sign != 0 ? -mag : mag) * 4;
            }
            case T_SENSOR: {
                long raw = uint(f);
                long sign = raw >>> (f.bitLen - 1) & 1;
                long mag = raw & ((1L << (f.bitLen - 1)) - 1);
                return (sign != 0 ? -1.0 : 1.0) * mag * 0.1;
            }
            case SPI_PIN: {
                long raw = uint(f);
                return raw == 30 ? 32L : raw == 31 ? 33L : raw;
            }
            default:
                break;
        }
        if (f.isBytes()) {
            return Bytes.hexSpaced(bytes(f));
        }
        long raw = uint(f);
        if (f.dict.containsKey(raw)) {
            return f.dict.get(raw);
        }
        if (f.isBool()) {
            return raw != 0;
        }
        return raw;
    }

    /** The purpose value of KEY_PURPOSE_n, including a separate high bit (KEY_PURPOSE_n_H) where one exists. */
    long purposeValue(FieldDef f) {
        long v = uint(f);
        FieldDef hi = byName.get(f.name + "_H");
        if (hi != null) {
            v |= uint(hi) << f.bitLen;
        }
        return v;
    }

    private String macText(FieldDef f) {
        byte[] b = bytes(f);
        if (chip.esp32Controller) {
            FieldDef crcField = byName.get(f.name.equals("MAC") ? "MAC_CRC" : "CUSTOM_MAC_CRC");
            if (f.name.equals("MAC")) {
                b = reverse(b);
            }
            int stored = crcField == null ? 0 : (int) uint(crcField);
            int calc = crc8(b);
            String mac = macJoin(b);
            return stored == calc ? String.format("%s (CRC 0x%02x OK)", mac, stored)
                    : String.format("%s (CRC 0x%02x invalid - calculated 0x%02x)", mac, stored, calc);
        }
        String mac = macJoin(b);
        if (errors[f.block] != 0 || fails[f.block]) {
            return mac + " (Block" + f.block + " has ERRORS:" + errors[f.block] + " FAIL:"
                    + (fails[f.block] ? 1 : 0) + ")";
        }
        return mac + " (OK)";
    }

    static String macJoin(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /** CRC-8/MAXIM (reflected 0x8C, init 0) as the ESP32 uses for MAC addresses. */
    public static int crc8(byte[] data) {
        int crc = 0;
        for (byte x : data) {
            crc ^= x & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8C : crc >>> 1;
            }
        }
        return crc;
    }

    /** The raw value as the JSON summary shows it: "0x" + hex (bytes in memory order, else MSB first). */
    public String rawHex(FieldDef f) {
        if (f.isBytes()) {
            byte[] b = bytes(f);
            if (f.kind == FieldDef.Kind.MAC && chip.esp32Controller && f.name.equals("MAC")) {
                b = reverse(b);
            }
            return "0x" + Bytes.hex(b);
        }
        int digits = (f.bitLen + 3) / 4;
        String h = Long.toHexString(uint(f));
        return "0x" + "0".repeat(Math.max(0, digits - h.length())) + h;
    }

    /** The field's bits as the burn messages show them (0x.., 0b.. or mixed). */
    public String bitsText(FieldDef f) {
        return bitsText(f.bitLen, f.isBytes() ? new java.math.BigInteger(1, reverse(bytes(f)))
                : java.math.BigInteger.valueOf(uint(f)));
    }

    static String bitsText(int len, java.math.BigInteger v) {
        if (len % 4 == 0) {
            String h = v.toString(16);
            return "0x" + "0".repeat(Math.max(0, len / 4 - h.length())) + h;
        }
        String bin = v.toString(2);
        bin = "0".repeat(Math.max(0, len - bin.length())) + bin;
        if (len < 32) {
            return "0b" + bin;
        }
        int lead = len - len % 4;
        String h = new java.math.BigInteger(bin.substring(0, lead), 2).toString(16);
        return "0x" + "0".repeat(Math.max(0, lead / 4 - h.length())) + h + ", 0b" + bin.substring(lead);
    }

    /** {word, pos} of a field inside its block, or null for calculated fields. */
    public int[] position(FieldDef f) {
        return f.calculated() ? null : new int[] {f.word, f.pos};
    }

    /** For the key-block field of a block with a purpose (BLOCK_KEYn), the purpose's name; else null. */
    public String purposeOfKeyBlock(FieldDef f) {
        BlockDef b = chip.blocks.get(f.block);
        if (b.purposeField() == null || !f.name.equals(b.name())) {
            return null;
        }
        return chip.purposeName(purposeValue(byName.get(b.purposeField())));
    }

    /** The flash-voltage sentence the summary ends with (ESP32, S2, S3), or null. */
    public String flashVoltageText() {
        if (chip.flashVoltageFields == null) {
            return null;
        }
        String[] n = chip.flashVoltageFields.split(" ");
        boolean esp32 = chip.esp32Controller;
        String reg = n[3];
        if (uint(byName.get(n[0])) == 0) {
            return esp32 ? "Flash voltage (VDD_SDIO) determined by GPIO12 on reset (High for 1.8V, Low/NC for 3.3V)"
                    : "Flash voltage (VDD_SPI) determined by GPIO45 on reset (GPIO45=High: VDD_SPI pin is powered "
                    + "from internal 1.8V LDO\nGPIO45=Low or NC: VDD_SPI pin is powered directly from VDD3P3_RTC_IO "
                    + "via resistor Rspi. Typically this voltage is 3.3 V)";
        }
        if (uint(byName.get(n[1])) == 0) {
            return "Flash voltage (" + reg + ") internal regulator disabled by efuse.";
        }
        if (uint(byName.get(n[2])) == 0) {
            return "Flash voltage (" + reg + ") set to 1.8V by efuse.";
        }
        return "Flash voltage (" + reg + ") set to 3.3V by efuse.";
    }

    /** Lower-case chip-independent name check used by commands ("BLOCK_KEY0" etc.). */
    static String norm(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
