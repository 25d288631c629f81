package org.jesptool.monitor.symbols;

/** DWARF attribute forms (DWARF 5 section 7.5.6, plus the GNU extensions GCC emits): reading and skipping. */
final class Forms {
    static final int ADDR = 0x01;
    static final int BLOCK2 = 0x03;
    static final int BLOCK4 = 0x04;
    static final int DATA2 = 0x05;
    static final int DATA4 = 0x06;
    static final int DATA8 = 0x07;
    static final int STRING = 0x08;
    static final int BLOCK = 0x09;
    static final int BLOCK1 = 0x0a;
    static final int DATA1 = 0x0b;
    static final int FLAG = 0x0c;
    static final int SDATA = 0x0d;
    static final int STRP = 0x0e;
    static final int UDATA = 0x0f;
    static final int REF_ADDR = 0x10;
    static final int REF1 = 0x11;
    static final int REF2 = 0x12;
    static final int REF4 = 0x13;
    static final int REF8 = 0x14;
    static final int REF_UDATA = 0x15;
    static final int INDIRECT = 0x16;
    static final int SEC_OFFSET = 0x17;
    static final int EXPRLOC = 0x18;
    static final int FLAG_PRESENT = 0x19;
    static final int STRX = 0x1a;
    static final int ADDRX = 0x1b;
    static final int REF_SUP4 = 0x1c;
    static final int STRP_SUP = 0x1d;
    static final int DATA16 = 0x1e;
    static final int LINE_STRP = 0x1f;
    static final int REF_SIG8 = 0x20;
    static final int IMPLICIT_CONST = 0x21;
    static final int LOCLISTX = 0x22;
    static final int RNGLISTX = 0x23;
    static final int REF_SUP8 = 0x24;
    static final int STRX1 = 0x25;
    static final int STRX4 = 0x28;
    static final int ADDRX1 = 0x29;
    static final int ADDRX4 = 0x2c;
    static final int GNU_ADDR_INDEX = 0x1f01;
    static final int GNU_STR_INDEX = 0x1f02;
    static final int GNU_REF_ALT = 0x1f20;
    static final int GNU_STRP_ALT = 0x1f21;

    private Forms() {
    }

    /** Skips one value of {@code form}. */
    static void skip(Cursor c, int form, int addressSize, int offsetSize, int version) {
        switch (form) {
            case ADDR: c.skip(addressSize); break;
            case BLOCK2: c.skip(c.u16()); break;
            case BLOCK4: c.skip(c.u32()); break;
            case DATA2: case REF2: c.skip(2); break;
            case DATA4: case REF4: case REF_SUP4: c.skip(4); break;
            case DATA8: case REF8: case REF_SIG8: case REF_SUP8: c.skip(8); break;
            case DATA16: c.skip(16); break;
            case STRING: c.cstring(); break;
            case BLOCK: case EXPRLOC: c.skip(c.uleb()); break;
            case BLOCK1: c.skip(c.u8()); break;
            case DATA1: case FLAG: case REF1: c.skip(1); break;
            case SDATA: c.sleb(); break;
            case UDATA: case REF_UDATA: case STRX: case ADDRX: case LOCLISTX: case RNGLISTX:
            case GNU_ADDR_INDEX: case GNU_STR_INDEX:
                c.uleb();
                break;
            case STRP: case SEC_OFFSET: case LINE_STRP: case STRP_SUP: case GNU_REF_ALT: case GNU_STRP_ALT:
                c.skip(offsetSize);
                break;
            case REF_ADDR: c.skip(version <= 2 ? addressSize : offsetSize); break;
            case INDIRECT: skip(c, (int) c.uleb(), addressSize, offsetSize, version); break;
            case FLAG_PRESENT: case IMPLICIT_CONST: break;
            default:
                if (form >= STRX1 && form <= STRX4) {
                    c.skip(form - STRX1 + 1);
                } else if (form >= ADDRX1 && form <= ADDRX4) {
                    c.skip(form - ADDRX1 + 1);
                } else {
                    throw new DwarfException(String.format("unknown attribute form 0x%x", form));
                }
        }
    }

    /** Reads a constant-class value (data1/2/4/8, udata, sdata). */
    static long constant(Cursor c, int form) {
        switch (form) {
            case DATA1: return c.u8();
            case DATA2: return c.u16();
            case DATA4: return c.u32();
            case DATA8: return c.u64();
            case UDATA: return c.uleb();
            case SDATA: return c.sleb();
            default: throw new DwarfException(String.format("form 0x%x is not a constant", form));
        }
    }

    static boolean isAddress(int form) {
        return form == ADDR || form == ADDRX || form == GNU_ADDR_INDEX || form >= ADDRX1 && form <= ADDRX4;
    }
}
