package org.jesptool.command;

import java.io.IOException;
import org.jesptool.protocol.LoaderError;
import org.jesptool.protocol.Opcode;

/** A loader reply whose status bytes report failure. */
public class LoaderException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int opcode;
    private final int code;
    private final boolean fromStub;

    /**
     * @param opcode the command that failed
     * @param code the error code: ROM second status byte, or the stub's first status byte
     * @param fromStub whether the stub (rather than the ROM) answered
     */
    public LoaderException(int opcode, int code, boolean fromStub) {
        super(String.format("Failed to %s (result was %s: %s)", Opcode.name(opcode),
                fromStub ? String.format("%02X00", code) : String.format("01%02X", code),
                fromStub ? LoaderError.stubMessage(code) : LoaderError.romMessage(code)));
        this.opcode = opcode;
        this.code = code;
        this.fromStub = fromStub;
    }

    public int opcode() {
        return opcode;
    }

    public int code() {
        return code;
    }

    public boolean fromStub() {
        return fromStub;
    }
}
