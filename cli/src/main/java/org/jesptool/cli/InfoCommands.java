package org.jesptool.cli;

import java.io.IOException;
import java.util.List;
import org.jesptool.loader.Device;
import org.jesptool.loader.SecurityState;
import org.jesptool.loader.SpiFlash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The information commands of the esptool CLI (read-mac, chip-id, flash-id, status, SFDP, security info). */
public final class InfoCommands {
    private InfoCommands() {
    }

    /** Every command class of this package, registered by {@link EsptoolMain}. */
    static List<Class<?>> commandClasses() {
        return List.of(VersionCommand.class, ListPortsCommand.class, ReadMac.class, ChipId.class, FlashId.class,
                ReadFlashStatus.class, WriteFlashStatus.class, ReadFlashSfdp.class, GetSecurityInfo.class,
                MemoryCommands.ReadMem.class, MemoryCommands.WriteMem.class, MemoryCommands.DumpMem.class,
                MemoryCommands.LoadRam.class, MemoryCommands.Run.class);
    }

    static String hex32(int v) {
        return String.format("0x%08x", v);
    }

    /** read-mac. */
    @Command(name = "read-mac", description = "Print the chip's factory MAC address (and EUI-64 where the chip has one).")
    public static final class ReadMac extends ChipCommand {
        @Override
        protected void execute(Session s) throws IOException {
            Device d = s.device();
            byte[] eui = d.eui64();
            if (eui == null) {
                s.console().print("MAC: " + Device.formatMac(d.mac()));
                return;
            }
            byte[] mac = d.mac();
            s.console().print("MAC: " + Device.formatMac(eui));
            s.console().print("BASE MAC: " + Device.formatMac(mac));
            s.console().print("MAC_EXT: " + Device.formatMac(new byte[] {eui[3], eui[4]}));
        }
    }

    /** chip-id. */
    @Command(name = "chip-id", description = "Print the chip id (ESP8266); other chips have none, so their MAC is shown.")
    public static final class ChipId extends ChipCommand {
        @Override
        protected void execute(Session s) throws IOException {
            java.util.OptionalInt id = s.chip().chipId(s.loader()::readReg);
            if (id.isPresent()) {
                s.console().print("Chip ID: " + hex32(id.getAsInt()));
                return;
            }
            s.console().warn(s.chip().displayName() + " has no chip id. Reading the MAC address instead.");
            s.console().print("MAC: " + Device.formatMac(s.device().mac()));
        }
    }

    /** flash-id. */
    @Command(name = "flash-id", description = "Read the SPI flash JEDEC id and the flash size it implies.")
    public static final class FlashId extends ChipCommand {
        @Mixin
        SpiConnectionOption spiConnection = new SpiConnectionOption();

        @Override
        protected void execute(Session s) throws IOException {
            s.attachFlash(spiConnection.value());
            int id = s.device().flashId();
            s.console().print(String.format("Manufacturer: %02x", id & 0xFF));
            s.console().print(String.format("Device: %02x%02x", (id >> 8) & 0xFF, (id >> 16) & 0xFF));
            s.console().print("Detected flash size: " + SpiFlash.sizeName(SpiFlash.sizeFromJedecId(id)));
        }
    }

    /** read-flash-status. */
    @Command(name = "read-flash-status", description = "Read the SPI flash status register.")
    public static final class ReadFlashStatus extends ChipCommand {
        @Option(names = "--bytes", paramLabel = "N", defaultValue = "2", converter = CliNumbers.Int32.class,
                description = "Status bytes to read: 1, 2 or 3 (default 2).")
        int bytes;

        @Mixin
        SpiConnectionOption spiConnection = new SpiConnectionOption();

        @Override
        protected void validate() {
            checkBytes(this, bytes);
        }

        @Override
        protected void execute(Session s) throws IOException {
            s.attachFlash(spiConnection.value());
            int v = s.loader().spiFlash().readStatus(bytes);
            s.console().print("Status value: " + String.format("0x%0" + (2 * bytes) + "x", v));
        }
    }

    static void checkBytes(ChipCommand command, int bytes) {
        if (bytes < 1 || bytes > 3) {
            throw command.badArgument("--bytes must be 1, 2 or 3 (got " + bytes + ").");
        }
    }

    /** write-flash-status. */
    @Command(name = "write-flash-status", description = "Write the SPI flash status register.")
    public static final class WriteFlashStatus extends ChipCommand {
        @Parameters(paramLabel = "VALUE", converter = CliNumbers.Int32.class, description = "New status value.")
        int value;

        @Option(names = "--bytes", paramLabel = "N", defaultValue = "2", converter = CliNumbers.Int32.class,
                description = "Status bytes to write: 1, 2 or 3 (default 2).")
        int bytes;

        @Option(names = "--non-volatile", description = "Write the non-volatile bits (WREN) instead of the volatile ones (WEVSR).")
        boolean nonVolatile;

        @Mixin
        SpiConnectionOption spiConnection = new SpiConnectionOption();

        @Override
        protected void validate() {
            checkBytes(this, bytes);
        }

        @Override
        protected void execute(Session s) throws IOException {
            String fmt = "0x%0" + (2 * bytes) + "x";
            SpiFlash spi = s.loader().spiFlash();
            s.attachFlash(spiConnection.value());
            s.console().print("Initial flash status: " + String.format(fmt, spi.readStatus(bytes)));
            s.console().print("Setting flash status: " + String.format(fmt, value));
            spi.writeStatus(value, bytes, nonVolatile);
            s.console().print("After flash status:   " + String.format(fmt, spi.readStatus(bytes)));
        }
    }

    /** read-flash-sfdp. */
    @Command(name = "read-flash-sfdp", description = "Read bytes of the SPI flash SFDP table.")
    public static final class ReadFlashSfdp extends ChipCommand {
        @Parameters(index = "0", paramLabel = "ADDRESS", converter = CliNumbers.Int32.class, description = "SFDP address.")
        int address;

        @Parameters(index = "1", paramLabel = "BYTES", converter = CliNumbers.Int32.class,
                description = "Number of bytes, 1 to 4.")
        int bytes;

        @Mixin
        SpiConnectionOption spiConnection = new SpiConnectionOption();

        @Override
        protected void validate() {
            if (bytes < 1 || bytes > 4) {
                throw badArgument("BYTES must be 1 to 4 (got " + bytes + ").");
            }
        }

        @Override
        protected void execute(Session s) throws IOException {
            s.attachFlash(spiConnection.value());
            int v = s.loader().spiFlash().readSfdp(address, bytes);
            s.console().print(String.format("SFDP[0x%x]: 0x%0" + (2 * bytes) + "x", address, v));
        }
    }

    /** get-security-info. */
    @Command(name = "get-security-info", description = "Print the chip's security state (GET_SECURITY_INFO).")
    public static final class GetSecurityInfo extends ChipCommand {
        @Override
        protected boolean allowedInSecureDownloadMode() {
            return true;
        }

        @Override
        protected void execute(Session s) throws IOException {
            SecurityState st;
            try {
                st = s.loader().securityInfo();
            } catch (IOException e) {
                // the ROM refuses it, or a flasher stub answers "invalid command" (ours) or "not implemented"
                boolean stubLacksIt = e instanceof org.jesptool.command.LoaderException le && le.fromStub()
                        && (le.code() == 0xC3 || le.code() == 0xFF);
                if (e instanceof org.jesptool.command.UnsupportedCommandException || stubLacksIt) {
                    throw new FatalError("The " + s.chip().displayName() + " loader does not have GET_SECURITY_INFO"
                            + " (ESP8266 and ESP32 lack it).");
                }
                throw e;
            }
            Console c = s.console();
            c.print("Flags: " + hex32(st.flags()) + " (0b" + Integer.toBinaryString(st.flags()) + ")");
            c.print("Key purposes: " + java.util.Arrays.toString(toInts(st.keyPurposes())));
            if (st.chipId() >= 0) {
                c.print("Chip ID: " + st.chipId());
                c.print("API version: " + st.apiVersion());
            }
            c.print("Secure boot: " + (st.secureBootEnabled() ? "Enabled" : "Disabled"));
            c.print("Flash encryption: " + (st.flashEncryptionEnabled() ? "Enabled" : "Disabled"));
            c.print("SPI boot crypt count: " + String.format("0x%x", st.flashCryptCount()));
            c.print("Secure download mode: " + (st.secureDownloadMode() ? "Enabled" : "Disabled"));
        }

        private static int[] toInts(byte[] b) {
            int[] r = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                r[i] = b[i] & 0xFF;
            }
            return r;
        }
    }
}
