package org.jesptool.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jesptool.image.hex.IntelHex;
import org.jesptool.image.uf2.Uf2Writer;

/**
 * Merges files destined for flash addresses into one raw binary (gaps filled with 0xFF), Intel HEX or UF2
 * file, patching the bootloader header's flash parameters on the way, as the reference's {@code merge-bin}.
 * Intel HEX inputs are split at their gaps and placed at their own addresses.
 */
public final class MergeBin {
    private MergeBin() {
    }

    /** Output formats. */
    public enum Format { RAW, HEX, UF2 }

    /**
     * One input: flash address, a name for messages, and the file's bytes, or the file itself.
     *
     * @param address flash address
     * @param name what messages call it
     * @param data the bytes, or null for an input read from {@code file} when it is written
     * @param file the file of a file input, else null
     * @param size bytes of the input
     */
    public record Input(long address, String name, byte[] data, Path file, long size) {
        /** An input held in memory. */
        public Input(long address, String name, byte[] data) {
            this(address, name, data, null, data.length);
        }

        /**
         * The file at {@code file}, read only when written (raw output) or when it must be parsed (Intel HEX,
         * a bootloader to patch).
         *
         * @param address flash address
         * @param file the file (its name is what messages call it)
         * @return the input
         * @throws IOException when the file cannot be opened
         */
        public static Input of(long address, Path file) throws IOException {
            return new Input(address, file.toString(), null, file, Files.size(file));
        }

        /** This input with its bytes in memory. */
        Input loaded() {
            if (data != null) {
                return this;
            }
            try {
                return new Input(address, name, readAll(file));
            } catch (IOException e) {
                throw new ImageException("Cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        /** Whether the first byte is {@code value}. */
        boolean startsWith(int value) {
            byte[] first = head(1);
            return first.length == 1 && (first[0] & 0xFF) == value;
        }

        /** The first {@code n} bytes (fewer when the input is shorter). */
        byte[] head(int n) {
            if (data != null) {
                return java.util.Arrays.copyOf(data, Math.min(n, data.length));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return in.readNBytes(n);
            } catch (IOException e) {
                throw new ImageException("Cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        /** Writes the bytes to {@code out} (a file in 64 KiB steps, checked to be as long as it was). */
        void writeTo(OutputStream out) throws IOException {
            if (data != null) {
                OutputFiles.writeInSteps(out, data, 0, data.length);
                return;
            }
            long done = 0;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[(int) Math.min(FILL, Math.max(1, size))];
                for (int n; done < size && (n = in.read(buf, 0, (int) Math.min(buf.length, size - done))) > 0; ) {
                    out.write(buf, 0, n);
                    done += n;
                }
            }
            if (done != size) {
                throw new IOException(name + " changed while being merged (now shorter than " + size + " bytes)");
            }
        }
    }

    private static byte[] readAll(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    /** Merge options; defaults keep the flash parameters and write raw output at offset 0. */
    public static final class Options {
        /** The defaults, as merge-bin without options. */
        public Options() {
        }

        Format format = Format.RAW;
        String flashMode = "keep";
        String flashFreq = "keep";
        String flashSize = "keep";
        long targetOffset;
        String padToSize;
        int chunkSize;
        boolean md5 = true;

        public Options format(Format f) {
            this.format = f;
            return this;
        }

        public Options flashMode(String v) {
            this.flashMode = v;
            return this;
        }

        public Options flashFreq(String v) {
            this.flashFreq = v;
            return this;
        }

        public Options flashSize(String v) {
            this.flashSize = v;
            return this;
        }

        /** Raw output only: flash address of the output's first byte. */
        public Options targetOffset(long v) {
            this.targetOffset = v;
            return this;
        }

        /** Raw output only: pad with 0xFF up to this flash size (e.g. "4MB"). */
        public Options padToSize(String v) {
            this.padToSize = v;
            return this;
        }

        /** UF2 only: payload bytes per block (0 = default). */
        public Options chunkSize(int v) {
            this.chunkSize = v;
            return this;
        }

        /** UF2 only: whether blocks carry an MD5 part (default true). */
        public Options md5(boolean v) {
            this.md5 = v;
            return this;
        }
    }

    /** The merged file with the messages and warnings the reference would print. */
    public record Result(byte[] data, List<String> messages, List<String> warnings) {
    }

    /**
     * A merged file not yet produced: raw output is made while it is written ({@link #content}), never held
     * whole (a 16 MiB flash image is mostly 0xFF padding); Intel HEX and UF2 output is made in memory.
     *
     * @param size bytes of the output
     * @param content writes the output
     * @param messages what the reference would print
     * @param warnings what the reference would warn
     */
    public record Merged(long size, OutputFiles.Content content, List<String> messages, List<String> warnings) {
    }

    /**
     * Expands Intel HEX inputs into one input per contiguous part, then sorts by address and checks that no
     * two inputs share a 4 KiB flash sector.
     */
    public static List<Input> prepare(List<Input> inputs) {
        List<Input> expanded = new ArrayList<>();
        for (Input given : inputs) {
            // a file that does not start with ':' is no Intel HEX: it stays where it is until written
            Input in = given.data() == null && given.startsWith(':') ? given.loaded() : given;
            List<IntelHex.Chunk> hex = in.data() == null ? null : IntelHex.readIfHex(in.data(), in.name());
            if (hex != null) {
                for (IntelHex.Chunk c : hex) {
                    expanded.add(new Input(c.address(), in.name(), c.data()));
                }
            } else {
                expanded.add(in);
            }
        }
        expanded.sort(Comparator.comparingLong(Input::address));
        long end = 0;
        for (Input in : expanded) {
            long sectorStart = in.address() & ~0xFFFL;
            long sectorEnd = ((in.address() + in.size() + 0xFFF) & ~0xFFFL) - 1;
            if (sectorStart < end) {
                throw new ImageException(String.format("Detected overlap at address: 0x%x for file: %s.", in.address(),
                        in.name()));
            }
            end = sectorEnd;
        }
        return expanded;
    }

    /** Merges already {@link #prepare prepared} inputs for {@code chip}, in memory. */
    public static Result merge(List<Input> prepared, ImageChip chip, Options o) {
        Merged m = mergeLater(prepared, chip, o);
        ByteSink sink = new ByteSink((int) m.size());
        try {
            m.content().writeTo(new OutputStream() {
                @Override
                public void write(int b) {
                    sink.write(new byte[] {(byte) b});
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    sink.write(b, off, len);
                }
            });
        } catch (IOException e) { // reading a file input (the sink is memory)
            throw new ImageException(e.getMessage(), e);
        }
        byte[] out = sink.position() == sink.array().length ? sink.array() : sink.toByteArray();
        return new Result(out, m.messages(), m.warnings());
    }

    /**
     * Merges already {@link #prepare prepared} inputs for {@code chip}: checks and header patches now, the
     * output's bytes when {@link Merged#content} writes them.
     */
    public static Merged mergeLater(List<Input> prepared, ImageChip chip, Options o) {
        List<String> messages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (prepared.isEmpty()) {
            throw new ImageException("No input data.");
        }
        long first = prepared.get(0).address();
        if (first < o.targetOffset) {
            throw new ImageException(String.format("Output data target offset is 0x%x. Input data offset 0x%x is"
                    + " before this.", o.targetOffset, first));
        }
        List<Input> patched = new ArrayList<>();
        for (Input given : prepared) {
            // Raw output of a file that the header patch leaves alone (not at the bootloader offset, or no image
            // there) is written without loading it; the patch still sees the start of a non-image to warn.
            boolean boot = given.address() == chip.bootloaderOffset();
            if (o.format == Format.RAW && given.data() == null
                    && (!boot || !given.startsWith(FirmwareImage.ESP_IMAGE_MAGIC))) {
                if (boot) {
                    FlashHeaderPatcher.Result r = FlashHeaderPatcher.patch(given.head(64), given.address(), chip,
                            o.flashMode, o.flashFreq, o.flashSize);
                    messages.addAll(r.messages());
                    warnings.addAll(r.warnings());
                }
                patched.add(given);
                continue;
            }
            Input in = given.loaded();
            if (o.format == Format.UF2) {
                // the reference announces each UF2 input before patching its header
                messages.add(String.format("Adding '%s' at 0x%x...", in.name(), in.address()));
            }
            FlashHeaderPatcher.Result r = FlashHeaderPatcher.patch(in.data(), in.address(), chip, o.flashMode,
                    o.flashFreq, o.flashSize);
            messages.addAll(r.messages());
            warnings.addAll(r.warnings());
            patched.add(new Input(in.address(), in.name(), r.data()));
        }
        byte[] out;
        switch (o.format) {
            case RAW -> {
                return raw(patched, o, messages, warnings);
            }
            case UF2 -> {
                Uf2Writer writer = new Uf2Writer(chip.uf2FamilyId(), o.chunkSize, o.md5);
                for (Input in : patched) {
                    writer.addFile(in.address(), in.data());
                }
                out = writer.toByteArray();
            }
            case HEX -> {
                if (patched.size() == 1) {
                    warnings.add("Only one input file specified, output may include additional padding if input file"
                            + " was previously merged. Please refer to the documentation for more information:"
                            + " https://docs.espressif.com/projects/esptool/en/latest/esptool/basic-commands.html"
                            + "#hex-output-format");
                }
                List<IntelHex.Chunk> chunks = new ArrayList<>();
                for (Input in : patched) {
                    chunks.add(new IntelHex.Chunk(in.address(), in.data()));
                }
                out = IntelHex.write(chunks);
            }
            default -> throw new IllegalStateException("format " + o.format);
        }
        byte[] bytes = out;
        return new Merged(out.length, sink -> OutputFiles.writeInSteps(sink, bytes, 0, bytes.length), messages,
                warnings);
    }

    private static Merged raw(List<Input> inputs, Options o, List<String> messages, List<String> warnings) {
        long size = 0;
        for (Input in : inputs) {
            size = Math.max(size, in.address() - o.targetOffset + in.size());
        }
        long padTo = o.padToSize == null ? 0 : Sizes.flashSizeBytes(o.padToSize) - o.targetOffset;
        size = Math.max(size, padTo);
        if (size > Integer.MAX_VALUE - 8) {
            throw new ImageException("Merged output would be larger than 2 GB");
        }
        long total = size;
        return new Merged(total, out -> {
            byte[] fill = new byte[FILL];
            java.util.Arrays.fill(fill, (byte) 0xFF);
            long pos = 0;
            for (Input in : inputs) {
                pos = fill(out, fill, pos, in.address() - o.targetOffset);
                in.writeTo(out);
                pos += in.size();
            }
            fill(out, fill, pos, total);
        }, messages, warnings);
    }

    private static final int FILL = 0x10000;

    /** Writes 0xFF from {@code pos} up to {@code to}; returns the new position. */
    private static long fill(OutputStream out, byte[] fill, long pos, long to) throws IOException {
        for (long p = pos; p < to; p += fill.length) {
            out.write(fill, 0, (int) Math.min(fill.length, to - p));
        }
        return Math.max(pos, to);
    }
}
