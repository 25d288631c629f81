package org.jesptool.command.internal;

/**
 * A loader reply: the opcode it answers, the 32-bit value field (READ_REG result; stale otherwise) and
 * the data (for checked commands: the payload without status bytes).
 */
public record Reply(int op, int value, byte[] data) {
}
