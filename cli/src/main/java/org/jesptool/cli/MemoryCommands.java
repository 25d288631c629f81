package org.jesptool.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jesptool.loader.Loader;
import org.jesptool.protocol.Packet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Memory and RAM commands: read-mem, write-mem, dump-mem, load-ram, run. */
final class MemoryCommands {
    private MemoryCommands() {
    }

    /** read-mem. */
    @Command(name = "read-mem", description = "Read a 32-bit word of memory (READ_REG).")
    public static final class ReadMem extends ChipCommand {
        @Parameters(paramLabel = "ADDRESS", converter = CliNumbers.Int32.class, description = "Address to read.")
        int address;

        @Override
        protected void execute(Session s) throws IOException {
            s.console().print(InfoCommands.hex32(address) + " = " + InfoCommands.hex32(s.loader().readReg(address)));
        }
    }

    /** write-mem. */
    @Command(name = "write-mem", description = "Write a 32-bit word of memory (WRITE_REG), optionally through a mask.")
    public static final class WriteMem extends ChipCommand {
        @Parameters(index = "0", paramLabel = "ADDRESS", converter = CliNumbers.Int32.class, description = "Address.")
        int address;

        @Parameters(index = "1", paramLabel = "VALUE", converter = CliNumbers.Int32.class, description = "Value.")
        int value;

        @Parameters(index = "2", paramLabel = "MASK", arity = "0..1", converter = CliNumbers.Int32.class,
                defaultValue = "0xFFFFFFFF", description = "Bits to change (default 0xFFFFFFFF).")
        int mask;

        @Override
        protected void execute(Session s) throws IOException {
            s.loader().writeReg(address, value, mask, 0);
            s.console().print("Wrote " + InfoCommands.hex32(value) + ", mask " + InfoCommands.hex32(mask) + " to "
                    + InfoCommands.hex32(address));
        }
    }

    /** dump-mem. */
    @Command(name = "dump-mem", description = "Copy a range of memory to a file (READ_REG per word).")
    public static final class DumpMem extends ChipCommand {
        @Parameters(index = "0", paramLabel = "ADDRESS", converter = CliNumbers.Int32.class, description = "Start address.")
        int address;

        @Parameters(index = "1", paramLabel = "SIZE", converter = CliNumbers.Int64.class, description = "Bytes to read.")
        long size;

        @Parameters(index = "2", paramLabel = "OUTPUT", description = "File to write.")
        String output;

        @Override
        protected void validate() {
            if (size < 0 || size > Integer.MAX_VALUE) {
                throw badArgument("Invalid SIZE " + size + " for dump-mem: give 0 to 0x7FFFFFFF bytes.");
            }
        }

        @Override
        protected void execute(Session s) throws IOException {
            Path out = s.context().resolve(output);
            Path tmp = out.resolveSibling(out.getFileName() + ".part");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < size; i += 4) {
                    word.clear();
                    word.putInt(s.loader().readReg(address + (int) i));
                    o.write(word.array(), 0, (int) Math.min(4, size - i));
                    s.console().progress("Dumping memory", Math.min(i + 4, size), size);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            s.console().print("Memory dump to " + output + " completed (" + size + " bytes from "
                    + InfoCommands.hex32(address) + ").");
        }
    }

    /** load-ram. */
    @Command(name = "load-ram", description = "Load an application image into RAM and run it (no --after reset).")
    public static final class LoadRam extends ChipCommand {
        @Parameters(paramLabel = "FILE", description = "Firmware image (.bin) whose segments all load into RAM.")
        String file;

        @Override
        protected boolean resetAfter() {
            return false;
        }

        @Override
        protected void execute(Session s) throws IOException {
            Path p = s.context().resolve(file);
            if (!Files.isRegularFile(p)) {
                throw new FatalError("Image file " + file + " does not exist.");
            }
            RamImage img = RamImage.parse(Files.readAllBytes(p), s.chip().imageChipId() < 0, file);
            Loader l = s.loader();
            s.console().print("RAM boot...");
            int block = l.ramBlockSize();
            for (RamImage.Segment seg : img.segments()) {
                byte[] d = seg.data();
                s.console().print("Downloading " + d.length + " bytes at " + InfoCommands.hex32(seg.address()) + "...");
                int blocks = (d.length + block - 1) / block;
                l.memBegin(d.length, blocks, block, seg.address());
                for (int i = 0; i < blocks; i++) {
                    l.memData(Arrays.copyOfRange(d, i * block, Math.min(d.length, (i + 1) * block)), i);
                }
            }
            s.console().print("All segments done, executing at " + InfoCommands.hex32(img.entry()) + ".");
            l.memEnd(img.entry());
        }
    }

    /** run. */
    @Command(name = "run", description = "Leave the loader and run the application in flash.")
    public static final class Run extends ChipCommand {
        @Override
        protected boolean resetAfter() {
            return false;
        }

        @Override
        protected void execute(Session s) throws IOException {
            s.console().print("Running user code...");
            s.loader().runUserCode();
        }
    }

    /** The segments and entry point of an ESP application image, for load-ram. */
    record RamImage(List<Segment> segments, int entry) {
        record Segment(int address, byte[] data) {
        }

        static RamImage parse(byte[] b, boolean esp8266, String name) {
            if (b.length < 8 || (b[0] & 0xFF) != 0xE9) {
                throw new FatalError(name + " is not an ESP firmware image (no 0xE9 magic byte).");
            }
            int count = b[1] & 0xFF;
            int entry = Packet.u32(b, 4);
            int pos = esp8266 ? 8 : 24;
            List<Segment> segs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (pos + 8 > b.length) {
                    throw new FatalError(name + " is truncated (segment " + i + " header missing).");
                }
                int addr = Packet.u32(b, pos);
                int len = Packet.u32(b, pos + 4);
                pos += 8;
                if (len < 0 || pos + len > b.length) {
                    throw new FatalError(name + " is truncated (segment " + i + " data missing).");
                }
                segs.add(new Segment(addr, Arrays.copyOfRange(b, pos, pos + len)));
                pos += len;
            }
            return new RamImage(segs, entry);
        }
    }
}
