package org.jesptool.target;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Reads a 32-bit register of the connected chip (READ_REG). */
@FunctionalInterface
public interface RegisterReader {
    int read(int address) throws IOException;

    /**
     * A reader that reads each address once and answers repeats from memory: for eFuse words, which do
     * not change while connected and are consulted by several decoders.
     */
    static RegisterReader memoizing(RegisterReader r) {
        Map<Integer, Integer> seen = new HashMap<>();
        return address -> {
            Integer v = seen.get(address);
            if (v == null) {
                v = r.read(address);
                seen.put(address, v);
            }
            return v;
        };
    }
}
