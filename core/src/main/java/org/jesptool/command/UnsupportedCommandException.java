package org.jesptool.command;

import java.io.IOException;
import org.jesptool.protocol.Opcode;

/** The loader does not know the command (ROM answers with status 01 05 under another opcode). */
public class UnsupportedCommandException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int opcode;

    public UnsupportedCommandException(int opcode, String message) {
        super(message);
        this.opcode = opcode;
    }

    public UnsupportedCommandException(int opcode) {
        this(opcode, "The loader does not support the " + Opcode.name(opcode) + " command");
    }

    public int opcode() {
        return opcode;
    }
}
