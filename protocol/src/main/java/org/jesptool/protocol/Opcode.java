package org.jesptool.protocol;

/** Command opcodes of the ESP serial ROM loader and of the flasher stub. */
public final class Opcode {
    public static final int FLASH_BEGIN = 0x02;
    public static final int FLASH_DATA = 0x03;
    public static final int FLASH_END = 0x04;
    public static final int MEM_BEGIN = 0x05;
    public static final int MEM_END = 0x06;
    public static final int MEM_DATA = 0x07;
    public static final int SYNC = 0x08;
    public static final int WRITE_REG = 0x09;
    public static final int READ_REG = 0x0A;
    public static final int SPI_SET_PARAMS = 0x0B;
    public static final int SPI_ATTACH = 0x0D;
    public static final int READ_FLASH_SLOW = 0x0E;
    public static final int CHANGE_BAUDRATE = 0x0F;
    public static final int FLASH_DEFL_BEGIN = 0x10;
    public static final int FLASH_DEFL_DATA = 0x11;
    public static final int FLASH_DEFL_END = 0x12;
    public static final int SPI_FLASH_MD5 = 0x13;
    public static final int GET_SECURITY_INFO = 0x14;
    /** Stub only. */
    public static final int ERASE_FLASH = 0xD0;
    /** Stub only. */
    public static final int ERASE_REGION = 0xD1;
    /** Stub only. */
    public static final int READ_FLASH = 0xD2;
    /** Stub only; no reply. */
    public static final int RUN_USER_CODE = 0xD3;
    /** Stub only; defined but unused by esptool. */
    public static final int FLASH_ENCRYPT_DATA = 0xD4;

    /** The SYNC payload: {@code 07 07 12 20} followed by 32 bytes of {@code 0x55}. */
    public static byte[] syncPayload() {
        byte[] p = new byte[36];
        p[0] = 0x07;
        p[1] = 0x07;
        p[2] = 0x12;
        p[3] = 0x20;
        for (int i = 4; i < 36; i++) {
            p[i] = 0x55;
        }
        return p;
    }

    /** Whether the command carries a checksum over its data block ({@code *_DATA} commands). */
    public static boolean hasChecksum(int op) {
        return op == MEM_DATA || op == FLASH_DATA || op == FLASH_DEFL_DATA || op == FLASH_ENCRYPT_DATA;
    }

    /** A readable name such as {@code FLASH_BEGIN}, or {@code 0x42} for unknown opcodes. */
    public static String name(int op) {
        switch (op) {
            case FLASH_BEGIN: return "FLASH_BEGIN";
            case FLASH_DATA: return "FLASH_DATA";
            case FLASH_END: return "FLASH_END";
            case MEM_BEGIN: return "MEM_BEGIN";
            case MEM_END: return "MEM_END";
            case MEM_DATA: return "MEM_DATA";
            case SYNC: return "SYNC";
            case WRITE_REG: return "WRITE_REG";
            case READ_REG: return "READ_REG";
            case SPI_SET_PARAMS: return "SPI_SET_PARAMS";
            case SPI_ATTACH: return "SPI_ATTACH";
            case READ_FLASH_SLOW: return "READ_FLASH_SLOW";
            case CHANGE_BAUDRATE: return "CHANGE_BAUDRATE";
            case FLASH_DEFL_BEGIN: return "FLASH_DEFL_BEGIN";
            case FLASH_DEFL_DATA: return "FLASH_DEFL_DATA";
            case FLASH_DEFL_END: return "FLASH_DEFL_END";
            case SPI_FLASH_MD5: return "SPI_FLASH_MD5";
            case GET_SECURITY_INFO: return "GET_SECURITY_INFO";
            case ERASE_FLASH: return "ERASE_FLASH";
            case ERASE_REGION: return "ERASE_REGION";
            case READ_FLASH: return "READ_FLASH";
            case RUN_USER_CODE: return "RUN_USER_CODE";
            case FLASH_ENCRYPT_DATA: return "FLASH_ENCRYPT_DATA";
            default: return String.format("0x%02X", op);
        }
    }

    private Opcode() {
    }
}
