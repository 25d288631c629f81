package org.jesptool.cli.efuse;

import java.io.IOException;
import java.io.PrintStream;
import org.jesptool.efuse.EfuseChip;
import org.jesptool.efuse.EfuseChips;
import org.jesptool.efuse.EfuseController;
import org.jesptool.efuse.EfuseException;
import org.jesptool.efuse.LoaderEfuseController;
import org.jesptool.loader.AfterReset;
import org.jesptool.loader.BeforeReset;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.target.Chips;

/**
 * A chip reached over a port (device path, socket://, rfc2217://, virtual://) the way bin/esptool connects:
 * ROM loader only (espefuse never uploads the stub or changes the baud rate); the --after reset on close.
 */
final class ChipConnection implements EfuseController {
    private final Device device;
    private final LoaderEfuseController ctl;
    private final AfterReset after;
    final EfuseChip chip;

    private ChipConnection(Device device, EfuseChip chip, AfterReset after) {
        this.device = device;
        this.chip = chip;
        this.after = after;
        this.ctl = new LoaderEfuseController(device.loader(), chip);
    }

    static ChipConnection open(EfuseGlobals g, EfuseChip wanted, PrintStream out) throws IOException {
        BeforeReset before;
        AfterReset after;
        try {
            before = BeforeReset.parse(g.before);
            after = AfterReset.parse(g.after);
        } catch (IllegalArgumentException e) {
            throw new EfuseException(e.getMessage());
        }
        ConnectOptions o = ConnectOptions.of(g.port).baud(g.baud).before(before).messages(out::println);
        if (wanted != null) {
            o.chip(Chips.byName(wanted.name()).orElseThrow());
        }
        Device d = Device.open(o);
        try {
            EfuseChip chip = EfuseChips.byName(d.chip().name());
            if (chip == null) {
                throw new EfuseException("The " + d.chip().displayName() + " has no eFuse controller of the kind "
                        + "espefuse works with; espefuse supports " + String.join(", ", EfuseChips.names()) + ".");
            }
            if (d.secureDownloadMode()) {
                throw new EfuseException("Secure Download Mode is enabled. The tool can not read eFuses.");
            }
            return new ChipConnection(d, chip, after);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    @Override
    public int read(int offset) throws IOException {
        return ctl.read(offset);
    }

    @Override
    public void write(int offset, int value) throws IOException {
        ctl.write(offset, value);
    }

    @Override
    public void updateField(int offset, int mask, int value) throws IOException {
        ctl.updateField(offset, mask, value);
    }

    @Override
    public int readAbsolute(int address) throws IOException {
        return ctl.readAbsolute(address);
    }

    @Override
    public int crystalMhz() throws IOException {
        return ctl.crystalMhz();
    }

    @Override
    public boolean virtual() {
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            device.reset(after);
        } finally {
            device.close();
        }
    }
}
