package org.jesptool.image;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jesptool.image.hex.IntelHex;

/**
 * The facts of {@link ImageInfo} as JSON for scripts: one object per image, or for Intel HEX input with
 * several parts an object with a {@code "parts"} array. Field names are stable.
 */
public final class ImageInfoJson {
    private ImageInfoJson() {
    }

    /** JSON text (with a trailing newline) describing {@code data}; {@code chip} null means detect. */
    public static String json(byte[] data, ImageChip chip, String source) {
        List<IntelHex.Chunk> parts = ImageInfo.hexParts(data, source);
        if (parts != null && parts.size() > 1) {
            List<String> items = new ArrayList<>();
            ImageChip current = chip;
            for (IntelHex.Chunk part : parts) {
                try {
                    ImageInfo.checkMagic(part.data());
                    ImageChip c = current != null ? current : ImageInfo.detectChip(part.data());
                    current = c;
                    items.add(describe(part.data(), c, part.address()));
                } catch (ImageException e) {
                    items.add("{\"offset\": " + part.address() + ", \"size\": " + part.data().length + ", \"error\": "
                            + str(e.getMessage()) + "}");
                }
            }
            return "{\"merged\": true, \"parts\": [" + String.join(", ", items) + "]}\n";
        }
        byte[] bytes = parts != null && parts.size() == 1 ? parts.get(0).data() : data;
        ImageInfo.checkMagic(bytes);
        ImageChip c = chip != null ? chip : ImageInfo.detectChip(bytes);
        return describe(bytes, c, parts != null ? parts.get(0).address() : -1) + "\n";
    }

    private static String describe(byte[] bytes, ImageChip chip, long offset) {
        FirmwareImage image = FirmwareImage.parse(bytes, chip);
        List<String> f = new ArrayList<>();
        if (offset >= 0) {
            f.add(field("offset", Long.toString(offset)));
        }
        f.add(field("size", Integer.toString(bytes.length)));
        f.add(field("chip", str(chip.name())));
        f.add(field("imageVersion", Integer.toString(image.version())));
        f.add(field("entryPoint", Long.toString(image.entryPoint())));
        f.add(field("flashMode", str(ImageChip.flashModeName(image.flashMode()))));
        f.add(field("flashSize", str(chip.flashSizeName(image.flashSizeFreq() & 0xF0))));
        f.add(field("flashFreq", str(chip.flashFreqName(image.flashSizeFreq() & 0x0F))));
        if (chip.hasExtendedHeader()) {
            f.add(field("wpPin", Integer.toString(image.wpPin())));
            f.add(field("chipId", Integer.toString(image.chipId())));
            f.add(field("minRev", Integer.toString(image.minRev())));
            f.add(field("minRevFull", Integer.toString(image.minRevFull())));
            f.add(field("maxRevFull", Integer.toString(image.maxRevFull())));
        }
        List<String> segs = new ArrayList<>();
        for (Segment s : image.segments()) {
            List<String> types = new ArrayList<>();
            for (String t : chip.memoryTypes(s.address())) {
                types.add(str(t));
            }
            segs.add("{\"length\": " + s.length() + ", \"loadAddress\": " + s.address() + ", \"fileOffset\": "
                    + s.fileOffset() + ", \"memoryTypes\": [" + String.join(", ", types) + "]}");
        }
        f.add(field("segments", "[" + String.join(", ", segs) + "]"));
        f.add(field("checksum", Integer.toString(image.storedChecksum())));
        f.add(field("checksumCalculated", Integer.toString(image.calculatedChecksum())));
        f.add(field("checksumValid", Boolean.toString(image.storedChecksum() == image.calculatedChecksum())));
        if (image.hasAppendedDigest()) {
            f.add(field("sha256", str(HexFormat.of().formatHex(image.calculatedDigest()))));
            f.add(field("sha256Valid",
                    Boolean.toString(java.util.Arrays.equals(image.storedDigest(), image.calculatedDigest()))));
        }
        byte[] appSeg = null;
        byte[] bootSeg = null;
        for (Segment s : image.segments()) {
            List<String> types = chip.memoryTypes(s.address());
            if (types.contains("DROM") && appSeg == null) {
                appSeg = s.data();
            } else if (types.contains("DRAM") && s.length() >= 80 && bootSeg == null) {
                bootSeg = s.data();
            }
        }
        Descriptors.AppDescriptor app = appSeg == null ? null : Descriptors.app(appSeg);
        Descriptors.BootloaderDescriptor boot = appSeg == null && bootSeg != null ? Descriptors.bootloader(bootSeg) : null;
        if (app != null) {
            f.add(field("application", "{" + String.join(", ", List.of(field("projectName", str(app.projectName())),
                    field("version", str(app.version())), field("compileTime", str(app.date() + " " + app.time())),
                    field("elfSha256", str(app.elfSha256())), field("idfVersion", str(app.idfVersion())),
                    field("minEfuseBlockRev", str(Descriptors.revision(app.minEfuseBlockRevFull()))),
                    field("maxEfuseBlockRev", str(Descriptors.revision(app.maxEfuseBlockRevFull()))),
                    field("mmuPageSize", str(app.mmuPageSize())),
                    field("secureVersion", Long.toString(app.secureVersion())))) + "}"));
        }
        if (boot != null) {
            f.add(field("bootloader", "{" + String.join(", ", List.of(field("version", Long.toString(boot.version())),
                    field("idfVersion", str(boot.idfVersion())), field("compileTime", str(boot.dateTime())))) + "}"));
        }
        List<String> warnings = new ArrayList<>();
        for (String w : image.warnings()) {
            warnings.add(str(w));
        }
        f.add(field("warnings", "[" + String.join(", ", warnings) + "]"));
        return "{" + String.join(", ", f) + "}";
    }

    private static String field(String name, String value) {
        return "\"" + name + "\": " + value;
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
