package org.jesptool.target;

import java.io.IOException;

/** Reads a 32-bit register of the connected chip (READ_REG). */
@FunctionalInterface
public interface RegisterReader {
    int read(int address) throws IOException;
}
