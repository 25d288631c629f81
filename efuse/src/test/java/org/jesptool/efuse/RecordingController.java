package org.jesptool.efuse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a controller and records every register write (offset=value), for "nothing was programmed" checks. Tests
 * that damage writes on their way override {@link #write}.
 */
class RecordingController implements EfuseController {
    final EfuseController inner;
    final List<String> writes = new ArrayList<>();

    RecordingController(EfuseController inner) {
        this.inner = inner;
    }

    @Override
    public int read(int offset) throws IOException {
        return inner.read(offset);
    }

    @Override
    public void write(int offset, int value) throws IOException {
        writes.add(String.format("%03x=%08x", offset, value));
        inner.write(offset, value);
    }

    @Override
    public void updateField(int offset, int mask, int value) throws IOException {
        writes.add(String.format("%03x&%08x=%x", offset, mask, value));
        inner.updateField(offset, mask, value);
    }

    @Override
    public int readAbsolute(int address) throws IOException {
        return inner.readAbsolute(address);
    }

    @Override
    public int crystalMhz() throws IOException {
        return inner.crystalMhz();
    }

    @Override
    public boolean virtual() {
        return true;
    }
}
