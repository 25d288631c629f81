package org.jesptool.efuse;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The espefuse operations that stage bits (burn-efuse, protect, burn-bit, burn-block-data, custom MAC, flash
 * voltage) with the reference's messages and refusals. Keys are in {@link KeyOperations}. Each method only
 * stages; the caller runs {@link BurnPlan#burnAll} and then {@link #verify}.
 */
public final class EfuseOperations {
    final Efuses ef;
    final BurnPlan plan;
    final EfuseLog log;

    public EfuseOperations(BurnPlan plan, EfuseLog log) {
        this.plan = plan;
        this.ef = plan.efuses();
        this.log = log;
    }

    /** Parses an integer as Python's int(x, 0): 0x/0o/0b prefixes, '_' separators, no leading zeros. */
    public static BigInteger parseInt(String text) {
        String s = text.trim().replace("_", "");
        boolean neg = s.startsWith("-");
        if (neg || s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = 10;
        String low = s.toLowerCase(java.util.Locale.ROOT);
        if (low.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (low.startsWith("0o")) {
            radix = 8;
            s = s.substring(2);
        } else if (low.startsWith("0b")) {
            radix = 2;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0") && !s.matches("0+")) {
            throw new NumberFormatException("invalid literal for int() with base 0: '" + text + "'");
        }
        try {
            BigInteger v = new BigInteger(s, radix);
            return neg ? v.negate() : v;
        } catch (NumberFormatException e) {
            throw new NumberFormatException("invalid literal for int() with base 0: '" + text + "'");
        }
    }

    /** A whole block as one bytes field (for burn-bit and burn-block-data). */
    FieldDef blockField(BlockDef b) {
        int len = ef.data[b.id()].length * 8;
        return new FieldDef(b.name(), b.id(), 0, 0, len, "bytes:" + len / 8, b.wrDisBit(), b.rdDisBits(), List.of(),
                new LinkedHashMap<>(), b.name(), "config", FieldDef.Kind.PLAIN, List.of());
    }

    /** Block for burn-bit/burn-block-data (ESP32: BLOCK0..BLOCK3 names only). */
    public BlockDef dataBlock(String name) {
        for (BlockDef b : ef.chip.blocks) {
            if (ef.chip.esp32Controller ? b.name().equals(name) : b.answersTo(name) && b.allNames().contains(name)) {
                return b;
            }
        }
        List<String> names = new ArrayList<>();
        for (BlockDef b : ef.chip.blocks) {
            names.addAll(ef.chip.esp32Controller ? List.of(b.name()) : b.allNames());
        }
        throw new UsageException("Invalid value for 'BLOCK': '" + name + "' is not one of " + quoteList(names) + ".");
    }

    static String quoteList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
        }
        return sb.toString();
    }

    /** A field for burn-efuse by name (field or alternative name), or a usage error listing every name. */
    public FieldDef fieldForBurn(String name) {
        FieldDef f = ef.field(name);
        if (f == null) {
            throw new UsageException("Invalid eFuse name '" + name + "'. Available eFuse names: " + ef.allNames());
        }
        return f;
    }

    // ---------------------------------------------------------------- burn-efuse

    /** Converts the text given for a field into the value to stage (refusals are thrown). */
    public Object parseValue(FieldDef f, String text) {
        if (f.calculated()) {
            throw new EfuseException("Burning " + f.name + " is not supported.");
        }
        if (f.kind == FieldDef.Kind.MAC) {
            if (!f.name.equals("CUSTOM_MAC")) {
                throw new EfuseException(f.name.equals("MAC") ? "Writing Factory MAC address is not supported"
                        : "Burning MAC is not supported.");
            }
            if (text == null) {
                throw new EfuseException("New value required for eFuse '" + f.name + "' (given None)");
            }
            return macBytes(text);
        }
        if (f.kind == FieldDef.Kind.KEY_PURPOSE) {
            if (text == null) {
                throw new EfuseException("New value required for eFuse '" + f.name + "' (given None)");
            }
            KeyPurpose p = ef.chip.purpose(text);
            if (p != null) {
                return (long) p.value();
            }
            long v;
            try {
                v = parseInt(text).longValue();
            } catch (NumberFormatException e) {
                throw new EfuseException("'" + text + "' unknown name");
            }
            for (KeyPurpose kp : ef.chip.purposes) {
                if (kp.value() == v && v > 0) {
                    return v;
                }
            }
            throw new EfuseException("'" + text + "' can not be set (value out of range)");
        }
        if (f.isBool()) {
            if (text != null && !parseInt(text).equals(BigInteger.ONE)) {
                throw new EfuseException("New value is not accepted for eFuse '" + f.name
                        + "' (will always burn 0->1), given value=" + text);
            }
            return 1L;
        }
        if (f.isBytes()) {
            if (text == null) {
                throw new EfuseException("New value required for eFuse '" + f.name + "' (given None)");
            }
            byte[] b;
            boolean prefixed = text.startsWith("0x") || text.startsWith("0X");
            String hex = prefixed ? text.substring(2) : text;
            if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
                throw new EfuseException("The value '" + text + "' for eFuse '" + f.name + "' is not hexadecimal.");
            }
            b = new byte[hex.length() / 2];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            if (prefixed) {
                b = Efuses.reverse(b);
            }
            if (b.length * 8 != f.bitLen) {
                throw new EfuseException("The length of eFuse '" + f.name + "' (" + f.bitLen
                        + " bits) (given len of the new value= " + b.length * 8 + " bits)");
            }
            return b;
        }
        boolean bitcount = f.category.equals("security")
                && (f.name.contains("SPI_BOOT_CRYPT_CNT") || f.name.contains("SECURE_VERSION"));
        if (text == null) {
            if (bitcount) {
                long cur = ef.uint(f) | plan.staged(f).longValue();
                for (int i = 0; i < f.bitLen; i++) {
                    if ((cur >>> i & 1) == 0) {
                        return cur | 1L << i;
                    }
                }
                throw new EfuseException("There are no clear bits left in " + f.name);
            }
            throw new EfuseException("New value required for eFuse '" + f.name + "' (given None)");
        }
        BigInteger v = parseInt(text);
        if (v.signum() < 0) {
            throw new EfuseException("New value for '" + f.name + "' must not be negative (given value= " + text + ")");
        }
        if (v.signum() == 0 && !bitcount) {
            throw new EfuseException("New value should not be 0 for '" + f.name + "' (given value= 0)");
        }
        if (f.kind == FieldDef.Kind.SPI_PIN) {
            long pin = v.longValue();
            if (pin == 30 || pin == 31) {
                throw new EfuseException("IO pins 30 & 31 cannot be set for SPI flash. 0-29, 32 & 33 only.");
            }
            if (pin > 33) {
                throw new EfuseException("IO pin " + pin + " cannot be set for SPI flash. 0-29, 32 & 33 only.");
            }
            if (pin == 32 || pin == 33) {
                v = BigInteger.valueOf(pin - 2);
            }
        }
        if (v.bitLength() > f.bitLen) {
            log.println("New value '" + text + "' is not suitable for " + f.name + " (" + f.type + ")");
            throw new EfuseException(v + " is too large an unsigned integer for a bitstring of length " + f.bitLen
                    + ". The allowed range is [0, " + BigInteger.ONE.shiftLeft(f.bitLen).subtract(BigInteger.ONE)
                    + "].");
        }
        return v;
    }

    /** Stages burn-efuse pairs (values already parsed), printing what will be burned. */
    public void burnEfuses(Map<FieldDef, Object> values) {
        log.println("The eFuses to burn:");
        Map<Integer, List<FieldDef>> byBlock = new java.util.TreeMap<>();
        for (FieldDef f : values.keySet()) {
            byBlock.computeIfAbsent(f.block, k -> new ArrayList<>()).add(f);
        }
        boolean attention = false;
        List<String> lastOthers = List.of();
        for (Map.Entry<Integer, List<FieldDef>> e : byBlock.entrySet()) {
            log.println("  from BLOCK" + e.getKey());
            for (FieldDef f : e.getValue()) {
                log.println("     - " + f.name);
            }
            boolean coded = e.getKey() > 0 && (!ef.chip.esp32Controller || ef.esp32CodingScheme() == 1);
            if (coded) {
                attention = true;
                List<String> others = new ArrayList<>();
                for (FieldDef f : ef.fields()) {
                    if (f.block == e.getKey() && !f.calculated() && !e.getValue().contains(f)) {
                        others.add(f.name);
                    }
                }
                lastOthers = others;
            }
            if (attention) {
                log.println("    ATTENTION! This BLOCK uses NOT the NONE coding scheme and after 'BURN', these efuses"
                        + " can not be burned in the feature:");
                for (int i = 0; i < lastOthers.size(); i += 5) {
                    List<String> g = lastOthers.subList(i, Math.min(lastOthers.size(), i + 5));
                    log.println("               ['" + String.join("', '", g) + "']");
                }
            }
        }
        log.println(attention ? "\nBurning eFuses (see 'ATTENTION!' above):" : "\nBurning eFuses:");
        for (Map.Entry<FieldDef, Object> e : values.entrySet()) {
            FieldDef f = e.getKey();
            String old = ef.bitsText(f);
            String nw = Efuses.bitsText(f.bitLen, BurnPlan.bitsOf(f, e.getValue()));
            log.println("    - '" + f.name + "' (" + f.description + ") " + old + " -> " + nw);
            plan.save(f, e.getValue());
        }
        log.println("");
        for (FieldDef f : values.keySet()) {
            if (f.name.equals("ENABLE_SECURITY_DOWNLOAD")) {
                log.println("ENABLE_SECURITY_DOWNLOAD -> 1: eFuses will not be read back for confirmation because "
                        + "this mode disables any SRAM and register operations.");
                log.println(" ".repeat(31) + "espefuse will not work.");
                log.println(" ".repeat(31) + "esptool can read/write only flash.");
            } else if (f.name.equals("DIS_DOWNLOAD_MODE")) {
                log.println("DIS_DOWNLOAD_MODE -> 1: eFuses will not be read back for confirmation because this mode "
                        + "disables any communication with the chip.");
                log.println(" ".repeat(24)
                        + "espefuse/esptool will not work because they will not be able to connect to the chip.");
            }
        }
    }

    /** After a burn: every field must now read the value asked for. */
    public void verify(Map<FieldDef, Object> values) {
        log.println("Checking eFuses...");
        boolean ok = true;
        for (Map.Entry<FieldDef, Object> e : values.entrySet()) {
            FieldDef f = e.getKey();
            if (!ef.readable(f)) {
                log.println("Efuse " + f.name + " is read-protected. Read back the burn value is not possible.");
                continue;
            }
            BigInteger want = BurnPlan.bitsOf(f, e.getValue());
            BigInteger got = plan.fieldBits(f, ef.data[f.block]);
            if (want.andNot(got).signum() != 0) {
                log.println(Efuses.bitsText(f.bitLen, got) + " -> " + Efuses.bitsText(f.bitLen, want) + " Efuse "
                        + f.name + " failed to burn. Protected?");
                ok = false;
            }
        }
        if (!ok) {
            throw new EfuseException("The burn was not successful.");
        }
    }

    // ---------------------------------------------------------------- protection

    private List<String> sharing(boolean read, int bit) {
        List<String> names = new ArrayList<>();
        for (FieldDef f : ef.fields()) {
            if (read ? contains(f.rdDis, bit) : f.wrDis == bit) {
                names.add(f.name);
            }
        }
        return names;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** write-protect-efuse: stages the WR_DIS bit of each field. Returns the fields for verification. */
    public List<FieldDef> writeProtect(List<String> names) {
        FieldDef wrDis = ef.field("WR_DIS");
        List<FieldDef> out = new ArrayList<>();
        for (String n : names) {
            FieldDef f = ef.field(n);
            if (f == null || f.wrDis < 0) {
                throw new UsageException("Invalid value for 'EFUSE_NAME': '" + n + "' is not a field with a write "
                        + "protection bit.");
            }
            if (!ef.writeable(wrDis)) {
                throw new EfuseException("This eFuse cannot be write-disabled due to the WR_DIS field being "
                        + "already write-disabled");
            }
            out.add(f);
            if (!ef.writeable(f)) {
                log.println("Efuse " + f.name + " is already write protected.");
                continue;
            }
            List<String> s = sharing(false, f.wrDis);
            log.println("Permanently write-disabling eFuse" + (s.size() > 1 ? "s " : " ") + String.join(", ", s));
            plan.save(wrDis, BigInteger.ONE.shiftLeft(f.wrDis).or(plan.staged(wrDis)));
        }
        return out;
    }

    /** read-protect-efuse: stages the RD_DIS bit(s) of each field. */
    public List<FieldDef> readProtect(List<String> names) {
        FieldDef rdDis = ef.field("RD_DIS");
        List<FieldDef> out = new ArrayList<>();
        for (String n : names) {
            FieldDef f = ef.field(n);
            if (f == null || f.rdDis.length == 0) {
                throw new UsageException("Invalid value for 'EFUSE_NAME': '" + n + "' is not a field with a read "
                        + "protection bit.");
            }
            if (!ef.writeable(rdDis)) {
                throw new EfuseException("This eFuse cannot be read-disabled due to the RD_DIS field being "
                        + "already write-disabled");
            }
            BlockDef b = ef.chip.blocks.get(f.block);
            if (b.purposeField() != null) {
                long purpose = ef.purposeValue(ef.field(b.purposeField()));
                KeyPurpose p = null;
                for (KeyPurpose kp : ef.chip.purposes) {
                    if (kp.value() == purpose) {
                        p = kp;
                        break;
                    }
                }
                if (p == null || !p.readProtect()) {
                    throw new EfuseException(b.name() + " must be readable, stop this operation!");
                }
            }
            if (ef.chip.splitKeyBlock && f.block == 3) {
                boolean len256 = ef.uint(ef.field("XTS_KEY_LENGTH_256")) == 1;
                boolean sb = ef.uint(ef.field("SECURE_BOOT_EN")) == 1;
                if ((f.name.equals("BLOCK_KEY0") && !len256)
                        || (sb && (f.name.equals("BLOCK_KEY0") || f.name.equals("BLOCK_KEY0_HI_128")))) {
                    throw new EfuseException(f.name + " must be readable, stop this operation!");
                }
            }
            if (ef.chip.esp32Controller && f.block == 2) {
                if (ef.uint(ef.field("ABS_DONE_1")) == 1) {
                    throw new EfuseException("Secure Boot V2 is on (ABS_DONE_1 = True), BLOCK2 must be readable, stop "
                            + "this operation!");
                }
                log.println("If Secure Boot V2 is used, BLOCK2 must be readable, please stop this operation!");
            }
            out.add(f);
            if (!ef.readable(f)) {
                log.println("Efuse " + f.name + " is already read protected");
                continue;
            }
            BigInteger mask = plan.staged(rdDis);
            for (int bit : f.rdDis) {
                mask = mask.setBit(bit);
            }
            List<String> s = sharing(true, f.rdDis[0]);
            log.println("Permanently read-disabling eFuse" + (s.size() > 1 ? "s " : " ") + String.join(", ", s));
            plan.save(rdDis, mask.or(BigInteger.valueOf(ef.rdDis())));
        }
        return out;
    }

    /** After a protect burn: each field must now be protected. */
    public void verifyProtected(List<FieldDef> fields, boolean read) {
        log.println("Checking eFuses...");
        for (FieldDef f : fields) {
            if (read ? ef.readable(f) : ef.writeable(f)) {
                log.println("Efuse " + f.name + " is not " + (read ? "read" : "write") + "-protected.");
                throw new EfuseException("The burn was not successful.");
            }
        }
    }

    // ---------------------------------------------------------------- blocks

    /** burn-bit: stages bits of a block (numbered from word 0 bit 0). */
    public void burnBits(String blockName, List<Integer> bitNumbers) {
        BlockDef b = dataBlock(blockName);
        FieldDef f = blockField(b);
        for (int n : bitNumbers) {
            if (n < 0 || n >= f.bitLen) {
                throw new EfuseException(blockName + " has bit_number in [0.." + (f.bitLen - 1) + "]");
            }
        }
        byte[] data = ef.blockBytes(b.id());
        for (int n : bitNumbers) {
            data[n / 8] |= (byte) (1 << (n % 8));
        }
        log.println("bit_number:   [" + (f.bitLen - 1) + "]" + ".".repeat(Math.max(0, f.bitLen / 4 - 8)) + "[0]");
        log.println(String.format("BLOCK%2d   : 0x%s", b.id(), Bytes.hex(Efuses.reverse(data))));
        plan.save(f, data);
    }

    /** burn-block-data: stages whole blocks (data in memory order, padded with zeros). */
    public void burnBlockData(List<String> blocks, List<byte[]> datas, int offset) {
        if (offset != 0 && blocks.size() > 1) {
            throw new EfuseException("The 'offset' option is not applicable when a few blocks are passed. With "
                    + "'offset', should only one block be used.");
        }
        for (int i = 0; i < blocks.size(); i++) {
            BlockDef b = dataBlock(blocks.get(i));
            FieldDef f = blockField(b);
            int size = f.bitLen / 8;
            if (offset < 0) {
                throw new EfuseException("Invalid offset " + offset + ": the offset into block" + b.id()
                        + " must not be negative.");
            }
            if (offset >= size) {
                throw new EfuseException("Invalid offset: the block" + b.id() + " only holds " + size + " bytes.");
            }
            byte[] file = datas.get(i);
            if (offset + file.length > size) {
                throw new EfuseException("Data does not fit: the block" + b.id() + " size is " + size
                        + " bytes, data file is " + file.length + " bytes, offset " + offset + ".");
            }
            byte[] data = new byte[size];
            System.arraycopy(file, 0, data, offset, file.length);
            log.println(String.format("[%02d] %-20s size=%02d bytes, offset=%02d - > [%s].", b.id(), b.name(),
                    file.length, offset, Bytes.hexSpaced(data)));
            plan.save(f, data);
        }
    }

    /** check-error --recovery: stages a block's own read data again. */
    public void restage(BlockDef b, byte[] data) {
        plan.stageRaw(b.id(), data);
    }

    // ---------------------------------------------------------------- MAC and voltage

    /** Parses AA:BB:CC:DD:EE:FF with the reference's checks; bytes in text order. */
    public static byte[] macBytes(String text) {
        if (text.chars().filter(c -> c == ':').count() != 5) {
            throw new EfuseException("MAC Address needs to be a 6-byte hexadecimal format separated by colons (:)!");
        }
        String hex = text.replace(":", "");
        if (hex.length() != 12 || !hex.matches("[0-9a-fA-F]{12}")) {
            throw new EfuseException("MAC Address needs to be a 6-byte hexadecimal number (12 hexadecimal "
                    + "characters)!");
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        if ((b[0] & 1) != 0) {
            throw new EfuseException("Custom MAC must be a unicast MAC!");
        }
        return b;
    }

    /** burn-custom-mac: stages CUSTOM_MAC (and the ESP32 CRC/version, the C2 "used" flag). */
    public void burnCustomMac(byte[] mac) {
        FieldDef f = ef.field("CUSTOM_MAC");
        if (ef.chip.esp32Controller) {
            FieldDef ver = ef.field("MAC_VERSION");
            long v = ef.uint(ver);
            if (v == 0) {
                log.println("    - 'MAC_VERSION' (" + ver.description + ") 0x00 -> 0x1");
                plan.save(ver, 1L);
            } else if (v != 1) {
                plan.error("MAC_VERSION = " + v + ", should be 0 or 1.");
            }
            log.println("    - 'CUSTOM_MAC' (" + f.description + ") " + ef.bitsText(f) + " -> "
                    + Efuses.bitsText(48, BurnPlan.bitsOf(f, mac)));
            plan.save(f, mac);
            plan.save(ef.field("CUSTOM_MAC_CRC"), (long) Efuses.crc8(mac));
            return;
        }
        log.println("    - 'CUSTOM_MAC' (" + f.description + ") " + ef.bitsText(f) + " -> "
                + Efuses.bitsText(48, BurnPlan.bitsOf(f, mac)));
        plan.save(f, mac);
        FieldDef used = ef.field("CUSTOM_MAC_USED");
        if (used != null) {
            plan.save(used, 1L);
        }
    }

    /** The get-custom-mac line. */
    public String customMacLine() {
        FieldDef f = ef.field("CUSTOM_MAC");
        if (ef.chip.esp32Controller) {
            long v = ef.uint(ef.field("MAC_VERSION"));
            if (v == 0) {
                return "Custom MAC Address is not set in the device.";
            }
            return "Custom MAC Address version " + v + ": " + ef.value(f);
        }
        return "Custom MAC Address: " + ef.value(f);
    }

    /** set-flash-voltage (ESP32, S2, S3). */
    public void setFlashVoltage(String voltage) {
        if (ef.chip.flashVoltageFields == null) {
            throw new UsageException("No such command 'set-flash-voltage'.");
        }
        String[] n = ef.chip.flashVoltageFields.split(" ");
        FieldDef force = ef.field(n[0]);
        FieldDef reg = ef.field(n[1]);
        FieldDef tieh = ef.field(n[2]);
        boolean esp32 = ef.chip.esp32Controller;
        String dot = esp32 ? "." : "";
        if (voltage.equals("OFF") && ef.uint(reg) == 1) {
            throw new EfuseException("Can't set flash regulator to OFF as " + n[1] + " eFuse is already burned" + dot);
        }
        if (voltage.equals("1.8V") && ef.uint(tieh) == 1) {
            throw new EfuseException("Can't set regulator to 1.8V is " + n[2] + " eFuse is already burned" + dot);
        }
        String pin = esp32 ? "GPIO12" : "GPIO45";
        switch (voltage) {
            case "OFF":
                log.println("Disable internal flash voltage regulator (" + n[3] + "). " + n[3]
                        + " will be powered from the VDD3P3_RTC_IO pin.");
                plan.save(force, 1L);
                break;
            case "1.8V":
                log.println("Set internal flash voltage regulator (" + n[3] + ") to 1.8V.");
                plan.save(force, 1L);
                plan.save(reg, 1L);
                break;
            case "3.3V":
                log.println("Enable internal flash voltage regulator (" + n[3] + ") to 3.3V.");
                plan.save(force, 1L);
                plan.save(reg, 1L);
                plan.save(tieh, 1L);
                break;
            default:
                throw new UsageException("Invalid value for '{1.8V|3.3V|OFF}': '" + voltage
                        + "' is not one of '1.8V', '3.3V', 'OFF'.");
        }
        log.println(pin + " will be ignored.");
        log.println(n[3] + " setting complete.");
    }

    /** A bad command line (click's usage error in the reference: exit 2 with a usage message). */
    public static final class UsageException extends EfuseException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
