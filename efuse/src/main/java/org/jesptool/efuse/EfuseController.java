package org.jesptool.efuse;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where eFuse register accesses go: a real chip through the serial loader, or the emulated controller of
 * {@code --virt} (optionally kept in a file). Offsets are relative to the chip's eFuse base.
 */
public interface EfuseController extends Closeable {
    int read(int offset) throws IOException;

    void write(int offset, int value) throws IOException;

    /**
     * Sets the register field selected by {@code mask} to {@code value} (the field's own value, not shifted),
     * as the reference's read-modify-write does.
     */
    void updateField(int offset, int mask, int value) throws IOException;

    /** Reads a register outside the eFuse window (ESP32 APB_CTL_DATE); 0 where there is nothing. */
    int readAbsolute(int address) throws IOException;

    /** The crystal frequency in MHz, as the burn sequence needs it. */
    int crystalMhz() throws IOException;

    /** True if this is the emulated controller (no chip). */
    boolean virtual();

    @Override
    default void close() throws IOException {
    }
}
