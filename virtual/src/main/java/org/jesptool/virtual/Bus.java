package org.jesptool.virtual;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The chip's address space as READ_REG, WRITE_REG and MEM_DATA see it: a sparse word store for
 * registers and RAM, read-only words (ROM, eFuse), registers computed on read (UART divider, strapping)
 * and a write hook for the SPI controller's CMD register.
 */
final class Bus {
    private final Map<Integer, Integer> words = new HashMap<>();
    /** Ranges written with MEM_DATA (address, length), consecutive blocks merged. */
    private final java.util.List<long[]> loaded = new java.util.ArrayList<>();
    private final Map<Integer, IntSupplier> computed = new HashMap<>();
    private final Map<Integer, Integer> readOnly = new HashMap<>();
    private SpiController spi;
    private final Map<Integer, java.util.function.IntConsumer> writeHooks = new HashMap<>();
    /** Busy time caused by the last write (an SPI flash command), in nanoseconds. */
    private long lastBusyNanos;

    private VirtualEfuse efuse;

    /** Serves the eFuse controller's register window. */
    void attach(VirtualEfuse e) {
        this.efuse = e;
    }

    /** Calls {@code hook} with the new value after every WRITE_REG to {@code addr}. */
    void onWrite(int addr, java.util.function.IntConsumer hook) {
        writeHooks.put(addr & ~3, hook);
    }

    void attach(SpiController controller) {
        this.spi = controller;
    }

    /** A register whose value is computed when read. */
    void computed(int addr, IntSupplier supplier) {
        computed.put(addr, supplier);
    }

    /** A word that reads as {@code value} and ignores writes (ROM, eFuse). */
    void fixed(int addr, int value) {
        readOnly.put(addr, value);
    }

    /** Forces a register's value: a computed or read-only word then reads as {@code value}. */
    void override(int addr, int value) {
        int a = addr & ~3;
        if (computed.remove(a) != null || readOnly.containsKey(a)) {
            readOnly.put(a, value);
        } else {
            store(a, value);
        }
    }

    /** Raw store without side effects. */
    void store(int addr, int value) {
        words.put(addr & ~3, value);
    }

    /** Raw load without side effects; unknown addresses read 0. */
    int load(int addr) {
        return words.getOrDefault(addr & ~3, 0);
    }

    /** READ_REG. */
    int read(int addr) {
        int a = addr & ~3;
        if (efuse != null && efuse.layout.contains(a)) {
            return efuse.read(a);
        }
        IntSupplier s = computed.get(a);
        if (s != null) {
            return s.getAsInt();
        }
        Integer fixed = readOnly.get(a);
        if (fixed != null) {
            return fixed;
        }
        return load(a);
    }

    /** WRITE_REG with a mask: bits outside the mask keep their value. Returns the busy time caused. */
    long write(int addr, int value, int mask) {
        int a = addr & ~3;
        if (efuse != null && efuse.layout.contains(a)) {
            efuse.write(a, value, mask);
            return 0;
        }
        if (readOnly.containsKey(a) || computed.containsKey(a)) {
            return 0;
        }
        int v = (load(a) & ~mask) | (value & mask);
        store(a, v);
        lastBusyNanos = 0;
        if (spi != null && spi.isCommandRegister(a)) {
            lastBusyNanos = spi.commandWritten(v);
        }
        java.util.function.IntConsumer hook = writeHooks.get(a);
        if (hook != null) {
            hook.accept(v);
        }
        return lastBusyNanos;
    }

    /** Whether bytes loaded with {@link #writeBytes} since power-up hold JEsptool's stub marker. */
    boolean loadedStubMarker() {
        for (long[] r : loaded) {
            byte[] b = new byte[(int) r[1]];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (load((int) (r[0] + i) & ~3) >>> 8 * ((r[0] + i) & 3));
            }
            if (org.jesptool.protocol.StubMarker.version(b) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Copies bytes into memory (MEM_DATA), little-endian within each word. */
    void writeBytes(long addr, byte[] src, int off, int len) {
        if (!loaded.isEmpty() && loaded.get(loaded.size() - 1)[0] + loaded.get(loaded.size() - 1)[1] == addr) {
            loaded.get(loaded.size() - 1)[1] += len;
        } else {
            loaded.add(new long[] {addr, len});
        }
        for (int i = 0; i < len; i++) {
            int a = (int) (addr + i);
            int word = a & ~3;
            int shift = 8 * (a & 3);
            int old = load(word);
            store(word, (old & ~(0xFF << shift)) | ((src[off + i] & 0xFF) << shift));
        }
    }
}
