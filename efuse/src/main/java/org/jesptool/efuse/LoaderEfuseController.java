package org.jesptool.efuse;

import java.io.IOException;
import org.jesptool.loader.Loader;

/** The eFuse controller of a connected chip, reached with the serial loader's READ_REG and WRITE_REG. */
public final class LoaderEfuseController implements EfuseController {
    private final Loader loader;
    private final int base;

    public LoaderEfuseController(Loader loader, EfuseChip chip) {
        this.loader = loader;
        this.base = chip.base;
    }

    @Override
    public int read(int offset) throws IOException {
        return loader.readReg(base + offset);
    }

    @Override
    public void write(int offset, int value) throws IOException {
        loader.writeReg(base + offset, value);
    }

    @Override
    public void updateField(int offset, int mask, int value) throws IOException {
        int old = read(offset);
        int shifted = (value << Integer.numberOfTrailingZeros(mask)) & mask;
        write(offset, (old & ~mask) | shifted);
    }

    @Override
    public int readAbsolute(int address) throws IOException {
        return loader.readReg(address);
    }

    @Override
    public int crystalMhz() throws IOException {
        return loader.crystalMhz();
    }

    @Override
    public boolean virtual() {
        return false;
    }
}
