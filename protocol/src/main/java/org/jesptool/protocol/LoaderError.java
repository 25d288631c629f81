package org.jesptool.protocol;

/** Error codes reported in the status bytes of ROM loader and flasher stub replies, with readable text. */
public final class LoaderError {
    private LoaderError() {
    }

    /** Text for a ROM error code (the second status byte when the first is 1). */
    public static String romMessage(int code) {
        switch (code) {
            case 0x00: return "Undefined errors";
            case 0x01: return "The input parameter is invalid";
            case 0x02: return "Failed to malloc memory from system";
            case 0x03: return "Failed to send out message";
            case 0x04: return "Failed to receive message";
            case 0x05: return "The format of the received message is invalid";
            case 0x06: return "Message is ok, but the running result is wrong";
            case 0x07: return "Checksum error";
            case 0x08: return "Flash write error";
            case 0x09: return "Flash read error";
            case 0x0A: return "Flash read length error";
            case 0x0B: return "Deflate failed error";
            case 0x0C: return "Deflate Adler32 error";
            case 0x0D: return "Deflate parameter error";
            case 0x0E: return "Invalid RAM binary size";
            case 0x0F: return "Invalid RAM binary address";
            case 0x64: return "Invalid parameter";
            case 0x65: return "Invalid format";
            case 0x66: return "Description too long";
            case 0x67: return "Bad encoding description";
            case 0x69: return "Insufficient storage";
            default: return "Unknown error";
        }
    }

    /** Stub error codes (first status byte of a stub reply). */
    public static final int STUB_BAD_DATA_LEN = 0xC0;
    public static final int STUB_BAD_DATA_CHECKSUM = 0xC1;
    public static final int STUB_BAD_BLOCKSIZE = 0xC2;
    public static final int STUB_INVALID_COMMAND = 0xC3;
    public static final int STUB_FAILED_SPI_OP = 0xC4;
    public static final int STUB_FAILED_SPI_UNLOCK = 0xC5;
    public static final int STUB_NOT_IN_FLASH_MODE = 0xC6;
    public static final int STUB_INFLATE_ERROR = 0xC7;
    public static final int STUB_NOT_ENOUGH_DATA = 0xC8;
    public static final int STUB_TOO_MUCH_DATA = 0xC9;
    public static final int STUB_CMD_NOT_IMPLEMENTED = 0xFF;

    /** Text for a stub error code. */
    public static String stubMessage(int code) {
        switch (code) {
            case 0xC0: return "Bad data length";
            case 0xC1: return "Bad data checksum";
            case 0xC2: return "Bad blocksize";
            case 0xC3: return "Invalid command";
            case 0xC4: return "Failed SPI operation";
            case 0xC5: return "Failed SPI unlock";
            case 0xC6: return "Not in flash mode";
            case 0xC7: return "Inflate error";
            case 0xC8: return "Not enough data";
            case 0xC9: return "Too much data";
            case 0xCA: return "NAND program failed";
            case 0xCB: return "NAND erase failed";
            case 0xFF: return "Command not implemented";
            default: return "Unknown error";
        }
    }
}
