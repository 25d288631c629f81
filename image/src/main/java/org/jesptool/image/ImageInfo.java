package org.jesptool.image;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jesptool.image.hex.IntelHex;

/**
 * Describes firmware images like the reference's {@code image-info}: header, extended header, segments with
 * memory types, checksum and digest validity, application or bootloader descriptor. Intel HEX input is split
 * at its gaps and every part is described. {@link #text} gives the reference's layout; {@link ImageInfoJson#json} gives the
 * same facts for scripts.
 */
public final class ImageInfo {
    private ImageInfo() {
    }

    /**
     * Lines of output, warnings and error lines (kept apart so warnings and errors can go to stderr), and the
     * fatal error that stopped the report early, or null when it ran to the end.
     */
    public record Report(List<String> lines, List<String> warnings, List<String> errors, String fatal) {
        Report(List<String> lines, List<String> warnings) {
            this(lines, warnings, List.of(), null);
        }

        public String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    /** One described image: the parsed image, its chip and whether the chip was detected. */
    record Part(int index, long offset, byte[] data, ImageChip chip, FirmwareImage image, String error) {
    }

    /**
     * Text report of {@code data} (a .bin image or Intel HEX). {@code chip} null means detect from the header.
     *
     * @throws ImageException when a single image cannot be parsed
     */
    public static Report text(byte[] data, ImageChip chip, String source) {
        List<String> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<IntelHex.Chunk> parts = hexParts(data, source);
        if (parts != null && parts.size() > 1) {
            out.add("Merged binary image detected. Processing each file individually.");
            List<String> errors = new ArrayList<>();
            ImageChip current = chip;
            for (int i = 0; i < parts.size(); i++) {
                IntelHex.Chunk part = parts.get(i);
                String line = String.format("Processing file %d/%d, offset: 0x%x, size: %d bytes", i + 1,
                        parts.size(), part.address(), part.data().length);
                out.add("");
                out.add("=".repeat(line.length()));
                out.add(line);
                out.add("=".repeat(line.length()));
                ImageChip detected;
                try {
                    checkMagic(part.data());
                    detected = current != null ? current : detectChip(part.data());
                } catch (ImageException e) {
                    errors.add("Error processing file " + (i + 1) + "/" + parts.size() + ": " + e.getMessage());
                    errors.add("Probably not a valid firmware image (e.g. partition table).");
                    continue;
                }
                if (i == 0 && chip == null) {
                    out.add("Detected image type: " + detected.displayName());
                    current = detected;
                }
                // past the header check, an unreadable part ends the whole report, as in the reference
                FirmwareImage image;
                try {
                    image = FirmwareImage.parse(part.data(), detected);
                } catch (ImageException e) {
                    return new Report(out, warnings, errors, e.getMessage());
                }
                describe(image, chip == null ? detected.displayName() : chip.name().toUpperCase(), out, warnings);
            }
            return new Report(out, warnings, errors, null);
        }
        byte[] bytes = parts != null && parts.size() == 1 ? parts.get(0).data() : data;
        if (bytes.length == 0) {
            throw new ImageException("Image is empty.");
        }
        checkMagic(bytes);
        ImageChip detected = chip != null ? chip : detectChip(bytes);
        out.add("Image size: " + bytes.length + " bytes");
        if (chip == null) {
            out.add("Detected image type: " + detected.displayName());
        }
        FirmwareImage image;
        try {
            image = FirmwareImage.parse(bytes, detected);
        } catch (ImageException e) {
            return new Report(out, warnings, List.of(), e.getMessage());
        }
        describe(image, label(detected, chip == null), out, warnings);
        return new Report(out, warnings);
    }

    /**
     * The reference v4's default {@code image_info} layout ({@code --version 1}): "File size", one line per
     * segment like {@code Segment 1: len 0x18c0c load 0x3f400020 file_offs 0x00000018 [DROM]}.
     */
    public static Report textV4(byte[] data, ImageChip chip) {
        List<String> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        out.add("File size: " + data.length + " (bytes)");
        checkMagic(data);
        ImageChip used = chip;
        if (used == null) {
            used = detectChip(data);
            out.add("Detected image type: " + used.displayName());
        }
        FirmwareImage image = FirmwareImage.parse(data, used);
        warnings.addAll(image.warnings());
        out.add("Image version: " + image.version());
        out.add(image.entryPoint() != 0 ? String.format("Entry point: %8x", image.entryPoint()) : "Entry point not set");
        out.add(image.segments().size() + " segments");
        out.add("");
        int idx = 0;
        for (Segment seg : image.segments()) {
            idx++;
            String line = String.format("Segment %d: len 0x%05x load 0x%08x", idx, seg.length(), seg.address());
            if (seg.fileOffset() >= 0) {
                line += String.format(" file_offs 0x%08x", seg.fileOffset());
            }
            out.add(line + " [" + String.join(",", used.memoryTypes(seg.address())) + "]");
        }
        int calc = image.calculatedChecksum();
        out.add(String.format("Checksum: %02x (%s)", image.storedChecksum(),
                image.storedChecksum() == calc ? "valid" : String.format("invalid - calculated %02x", calc)));
        if (image.hasAppendedDigest()) {
            boolean valid = java.util.Arrays.equals(image.storedDigest(), image.calculatedDigest());
            out.add("Validation Hash: " + HexFormat.of().formatHex(image.calculatedDigest())
                    + (valid ? " (valid)" : " (invalid)"));
        }
        return new Report(out, warnings);
    }

    private static String label(ImageChip chip, boolean detected) {
        return detected ? chip.displayName() : chip.name().toUpperCase();
    }

    /** Splits Intel HEX input into its contiguous parts, or returns null for binary input. */
    static List<IntelHex.Chunk> hexParts(byte[] data, String source) {
        return IntelHex.readIfHex(data, source);
    }

    static void checkMagic(byte[] data) {
        if (data.length == 0) {
            throw new ImageException("Image is empty.");
        }
        int magic = data[0] & 0xFF;
        if (magic != FirmwareImage.ESP_IMAGE_MAGIC && magic != FirmwareImage.ESP8266_V2_MAGIC) {
            throw new ImageException(String.format("This is not a valid image (invalid magic number: 0x%x).", magic));
        }
    }

    /**
     * The chip an image was built for, read from its extended header: ESP8266 when the digest flag is not 0/1
     * or the chip id is unknown.
     */
    public static ImageChip detectChip(byte[] data) {
        if (data.length >= 24) {
            int flag = data[23] & 0xFF;
            if (flag <= 1) {
                ImageChip c = ImageFormats.forImageChipId(data[12] & 0xFF);
                if (c != null) {
                    return c;
                }
            }
        }
        return ImageFormats.withoutExtendedHeader();
    }

    private static void describe(FirmwareImage image, String chipLabel, List<String> out, List<String> warnings) {
        ImageChip chip = image.chip();
        // the reference prints the warnings of reading the image right before the header block
        for (String w : image.warnings()) {
            warn(out, warnings, w);
        }
        out.add("");
        title(out, chipLabel + " Image Header");
        out.add("Image version: " + image.version());
        out.add(image.entryPoint() != 0 ? "Entry point: " + String.format("%8s", "0x" + Long.toHexString(image.entryPoint()))
                : "Entry point not set");
        out.add("Segments: " + image.segments().size());
        int sizeBits = image.flashSizeFreq() & 0xF0;
        String size = chip.flashSizeName(sizeBits);
        if (size != null) {
            out.add("Flash size: " + size);
        } else {
            warn(out, warnings, String.format("Invalid flash size (0x%x)", sizeBits));
        }
        int freqBits = image.flashSizeFreq() & 0x0F;
        String freq = chip.flashFreqName(freqBits);
        if (freq != null) {
            out.add("Flash freq: " + freq);
        } else {
            warn(out, warnings, String.format("Invalid flash frequency (0x%x)", freqBits));
        }
        String mode = ImageChip.flashModeName(image.flashMode());
        if (mode != null) {
            out.add("Flash mode: " + mode.toUpperCase());
        } else {
            warn(out, warnings, "Invalid flash mode (" + image.flashMode() + ")");
        }
        if (chip.hasExtendedHeader()) {
            out.add("");
            title(out, chipLabel + " Extended Image Header");
            out.add(String.format("WP pin: 0x%x", image.wpPin())
                    + (image.wpPin() == FirmwareImage.WP_PIN_DISABLED ? " (disabled)" : ""));
            int[] d = image.driveSettings();
            out.add(String.format("Flash pins drive settings: clk_drv: 0x%x, q_drv: 0x%x, d_drv: 0x%x, cs0_drv: 0x%x,"
                    + " hd_drv: 0x%x, wp_drv: 0x%x", d[0], d[1], d[2], d[3], d[4], d[5]));
            ImageChip idChip = ImageFormats.forImageChipId(image.chipId());
            out.add("Chip ID: " + image.chipId() + " (" + (idChip == null ? "Unknown ID" : idChip.displayName()) + ")");
            out.add("Minimal chip revision: v" + Descriptors.revision(image.minRevFull()) + ", (legacy min_rev = "
                    + image.minRev() + ")");
            out.add("Maximal chip revision: v" + Descriptors.revision(image.maxRevFull()));
        }
        out.add("");
        title(out, "Segments Information");
        out.add(String.format("%7s  %7s  %10s  %10s  %-10s", "Segment", "Length", "Load addr", "File offs",
                "Memory types"));
        out.add("-------  -------  ----------  ----------  ------------");
        byte[] appDescSeg = null;
        byte[] bootDescSeg = null;
        int idx = 0;
        for (Segment s : image.segments()) {
            List<String> types = chip.memoryTypes(s.address());
            if (types.contains("DROM") && appDescSeg == null) {
                appDescSeg = s.data();
            } else if (types.contains("DRAM") && s.length() >= 80 && bootDescSeg == null) {
                bootDescSeg = s.data();
            }
            out.add(String.format("%7d  0x%05x  0x%08x  0x%08x  %s", idx++, s.length(), s.address(), s.fileOffset(),
                    String.join(", ", types)));
        }
        out.add("");
        title(out, chipLabel + " Image Footer");
        int calc = image.calculatedChecksum();
        out.add(String.format("Checksum: 0x%02x (%s)", image.storedChecksum(),
                image.storedChecksum() == calc ? "valid" : String.format("invalid - calculated 0x%02x", calc)));
        if (image.hasAppendedDigest()) {
            boolean valid = java.util.Arrays.equals(image.storedDigest(), image.calculatedDigest());
            out.add("Validation hash: " + HexFormat.of().formatHex(image.calculatedDigest())
                    + (valid ? " (valid)" : " (invalid)"));
        }
        if (appDescSeg != null && appDescSeg.length > 0) {
            Descriptors.AppDescriptor app = Descriptors.app(appDescSeg);
            if (app != null) {
                out.add("");
                title(out, "Application Information");
                out.add("Project name: " + app.projectName());
                out.add("App version: " + app.version());
                out.add("Compile time: " + app.date() + " " + app.time());
                out.add("ELF file SHA256: " + app.elfSha256());
                out.add("ESP-IDF: " + app.idfVersion());
                out.add("Minimal eFuse block revision: " + Descriptors.revision(app.minEfuseBlockRevFull()));
                out.add("Maximal eFuse block revision: " + Descriptors.revision(app.maxEfuseBlockRevFull()));
                if (app.mmuPageSize() != null) {
                    out.add("MMU page size: " + app.mmuPageSize());
                }
                out.add("Secure version: " + app.secureVersion());
            }
        } else if (bootDescSeg != null) {
            Descriptors.BootloaderDescriptor boot = Descriptors.bootloader(bootDescSeg);
            if (boot != null) {
                out.add("");
                title(out, "Bootloader Information");
                out.add("Bootloader version: " + boot.version());
                out.add("ESP-IDF: " + boot.idfVersion());
                out.add("Compile time: " + boot.dateTime());
            }
        }
    }

    private static void warn(List<String> out, List<String> warnings, String message) {
        warnings.add(message);
        out.add("Warning: " + message);
    }

    private static void title(List<String> out, String title) {
        out.add(title);
        out.add("=".repeat(title.length()));
    }
}
