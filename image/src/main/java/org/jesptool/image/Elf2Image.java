package org.jesptool.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jesptool.image.elf.ElfFile;
import org.jesptool.image.elf.ElfProgramHeader;
import org.jesptool.image.elf.ElfSection;

/**
 * Converts an ELF file into a firmware image exactly as the reference's {@code elf2image} does: segment
 * selection and merging, flash segment alignment to the MMU page (padding with parts of RAM segments or with
 * zero segments), app/bootloader descriptor ordering, ELF SHA-256 insertion, the ESP32 0x24 tail rule, secure
 * padding, checksum and digest. ESP8266 images are produced in versions 1 (two files), 2 and 3.
 */
public final class Elf2Image {
    static final int SEG_HEADER_LEN = SegmentWriter.SEG_HEADER_LEN;
    private static final int APP_DESC_MAGIC = 0xABCD5432;

    private final ImageChip chip;
    private final Elf2ImageOptions options;
    private final List<String> messages = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Facts used for encodings and memory types (ESP8266 v3 images use the ESP32's, as the reference does). */
    private final ImageChip formatChip;
    private final Kind kind;
    private int pageSize;
    private List<Segment> segments;
    private byte[] elfSha256;
    private long elfSha256Offset;
    private int flashSizeFreq;
    private long entry;

    private enum Kind { ESP32, ESP8266_V1, ESP8266_V2, ESP8266_V3 }

    /** One output file: its name suffix (ESP8266 v1 only, appended to the output prefix) and bytes. */
    public record Part(String suffix, byte[] data) {
    }

    /**
     * Result of a conversion. For ESP8266 v1 images {@link #parts()} holds two files whose names are the output
     * prefix plus {@link Part#suffix()}; otherwise it holds one part with an empty suffix.
     */
    public record Result(List<Part> parts, boolean prefixNaming, List<String> messages, List<String> warnings,
                         String defaultOutputSuffix) {
        /** Output name the reference chooses when no {@code -o} is given, for the ELF at {@code inputPath}. */
        public String defaultOutputName(String inputPath) {
            if (prefixNaming) {
                return inputPath + "-";
            }
            return splitExtension(inputPath) + defaultOutputSuffix;
        }
    }

    private Elf2Image(ImageChip chip, Elf2ImageOptions options) {
        this.chip = chip;
        this.options = options;
        if (chip.hasExtendedHeader()) {
            kind = Kind.ESP32;
        } else {
            kind = switch (options.version) {
                case "1" -> Kind.ESP8266_V1;
                case "2" -> Kind.ESP8266_V2;
                default -> Kind.ESP8266_V3;
            };
        }
        // the ESP8266's version 3 image is laid out as an ESP32 image (extended header, 64 KiB pages)
        formatChip = kind == Kind.ESP8266_V3 ? ImageFormats.forChip("esp32") : chip;
        pageSize = (kind == Kind.ESP32 || kind == Kind.ESP8266_V3) ? 0x10000 : 0;
    }

    /**
     * Converts {@code elf} for {@code chip}.
     *
     * @throws ImageException when the ELF cannot become an image; its {@link ImageException#printedBefore()}
     *                        holds the messages the reference would have printed up to that point
     */
    public static Result convert(ElfFile elf, ImageChip chip, Elf2ImageOptions options) {
        Elf2Image conversion = new Elf2Image(chip, options);
        try {
            return conversion.run(elf);
        } catch (ImageException e) {
            throw e.withPrintedBefore(conversion.messages);
        }
    }

    private Result run(ElfFile elf) {
        messages.add("Creating " + chip.name().toUpperCase() + " image...");
        entry = elf.entryPoint();
        warnings.addAll(elf.warnings());
        List<Segment> sections = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            if (s.isLoadable()) {
                sections.add(new Segment(s.address(), s.data(), s.name(), -1).withAlignment(s.alignment()));
            }
        }
        chooseMmuPageSize(sections);
        if (options.useSegments) {
            segments = new ArrayList<>();
            for (ElfProgramHeader p : elf.programHeaders()) {
                if (p.isLoadable()) {
                    segments.add(new Segment(p.physicalAddress(), p.data(), "PHDR", -1));
                }
            }
        } else {
            segments = sections;
        }
        long padToSize = options.padToSize == null ? 0 : Sizes.flashSizeBytes(options.padToSize);
        flashSizeFreq = formatChip.flashSizeCode(options.flashSize) + formatChip.flashFreqCode(options.flashFreq);

        if (options.elfSha256Offset != 0) {
            elfSha256 = elf.sha256();
            elfSha256Offset = options.elfSha256Offset;
        } else if (kind == Kind.ESP32 || kind == Kind.ESP8266_V3) {
            Segment appDesc = segments.stream().filter(s -> s.name().contains(".flash.appdesc")).findFirst()
                    .orElse(null);
            if (appDesc != null && isFlashAddress(appDesc.address())) {
                elfSha256 = elf.sha256();
                elfSha256Offset = 0xB0;
            }
        }
        if (options.ramOnlyHeader) {
            messages.add("Image has only RAM segments visible. ROM segments are hidden and SHA256 digest is not"
                    + " appended.");
            segments.sort(Comparator.comparingLong(Segment::address));
        }
        int before = segments.size();
        mergeAdjacentSegments();
        if (segments.size() != before) {
            int delta = before - segments.size();
            messages.add("Merged " + delta + " ELF section" + (delta > 1 ? "s" : "") + ".");
        }
        if (segments.size() > 16) {
            throw new ImageException("Invalid segment count " + segments.size()
                    + " (max 16). Usually this indicates a linker script problem.");
        }
        // the reference reports success before it saves (a saving error follows this line)
        messages.add("Successfully created " + chip.name().toUpperCase() + " image.");
        List<Part> parts = new ArrayList<>();
        String defaultSuffix = ".bin";
        switch (kind) {
            case ESP32 -> parts.add(new Part("", saveEsp32(padToSize)));
            case ESP8266_V1 -> Esp8266Images.saveV1(segments, writer(), parts);
            case ESP8266_V2 -> {
                parts.add(new Part("", Esp8266Images.saveV2(segments, writer())));
                Segment irom = Esp8266Images.iromSegment(segments);
                long iromOffset = irom == null ? 0 : irom.address() - Esp8266Images.ESP8266_IROM_START;
                defaultSuffix = String.format("-0x%05x.bin", iromOffset & ~0xFFFL);
            }
            default -> parts.add(new Part("", Esp8266Images.saveV3(segments, writer(), pageSize)));
        }
        return new Result(List.copyOf(parts), kind == Kind.ESP8266_V1, List.copyOf(messages), List.copyOf(warnings),
                defaultSuffix);
    }

    private boolean isFlashAddress(long address) {
        if (kind == Kind.ESP8266_V3) {
            return address > Esp8266Images.ESP8266_IROM_START;
        }
        return chip.isFlashAddress(address);
    }

    private void chooseMmuPageSize(List<Segment> sections) {
        List<Integer> configurable = kind == Kind.ESP32 ? chip.configurableMmuPageSizes() : List.of();
        if (options.mmuPageSize != null) {
            setMmuPageSize((int) Sizes.flashSizeBytes(options.mmuPageSize), configurable);
            return;
        }
        if (kind != Kind.ESP32 || configurable.isEmpty()) {
            return;
        }
        Segment appDesc = sections.stream().filter(s -> s.name().contains(".flash.appdesc")).findFirst()
                .orElse(null);
        if (appDesc == null || !chip.isFlashAddress(appDesc.address()) || appDesc.length() < 256) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(appDesc.data()).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != APP_DESC_MAGIC) {
            return;
        }
        int log2 = appDesc.data()[0xB4] & 0xFF;
        if (log2 != 0) {
            setMmuPageSize((int) ((1L << log2) / 1024 * 1024), configurable);
            return;
        }
        for (int i = configurable.size() - 1; i >= 0; i--) {
            int size = configurable.get(i);
            if ((appDesc.address() - 24 - 8) % size == 0) {
                setMmuPageSize(size, configurable);
                messages.add("MMU page size not specified, set to " + (pageSize / 1024) + " KB");
                return;
            }
        }
        warnings.add("App description segment is not aligned to MMU page size, probably linker script issue or"
                + " wrong MMU page size. Try to set MMU page size parameter manually.");
    }

    private void setMmuPageSize(int size, List<Integer> configurable) {
        if (configurable.isEmpty() && size != pageSize) {
            // the reference words this only when the image has a default page (ESP8266 v1/v2 have none)
            warnings.add(pageSize == 0 ? "" : "Changing MMU page size is not supported on "
                    + formatChip.displayName() + "! Defaulting to " + (pageSize / 1024) + "KB.");
        } else if (!configurable.isEmpty() && !configurable.contains(size)) {
            List<String> valid = configurable.stream().map(s -> (s / 1024) + "KB").toList();
            throw new ImageException(size + " bytes is not a valid " + chip.displayName() + " page size, select from "
                    + String.join(", ", valid) + ".");
        } else {
            pageSize = size;
        }
    }

    private void mergeAdjacentSegments() {
        if (segments.isEmpty()) {
            return;
        }
        boolean padForAlignment = options.ramOnlyHeader && kind == Kind.ESP32;
        List<Segment> merged = new ArrayList<>();
        for (int i = segments.size() - 1; i > 0; i--) {
            Segment elem = segments.get(i - 1);
            Segment next = segments.get(i);
            if (padForAlignment) {
                padUpToAlignedNeighbour(elem, next);
            }
            if (formatChip.memoryTypes(elem.address()).equals(formatChip.memoryTypes(next.address()))
                    && elem.includedInChecksum() == next.includedInChecksum()
                    && next.address() == elem.address() + elem.length()) {
                elem.append(next.data());
            } else {
                merged.add(0, next);
            }
        }
        merged.add(0, segments.get(0));
        segments = merged;
    }

    /**
     * With a RAM-only header, sections that are apart only because {@code next} must start aligned are joined:
     * {@code elem} is zero-padded up to {@code next}'s start when rounding its end up to {@code next}'s
     * alignment lands exactly there (the reference pads before deciding whether to merge).
     */
    private void padUpToAlignedNeighbour(Segment elem, Segment next) {
        long align = next.alignment();
        long end = elem.address() + elem.length();
        if (align <= 1 || end % align == 0) {
            return;
        }
        long padded = end + align - end % align;
        if (padded == next.address()) {
            messages.add("Inserted " + (padded - end) + " bytes of padding between " + elem.name() + " and "
                    + next.name() + " to keep the latter aligned.");
            elem.append(new byte[(int) (padded - end)]);
        }
    }

    // ---------------------------------------------------------------- saving

    private byte[] saveEsp32(long padToSize) {
        boolean ramOnly = options.ramOnlyHeader;
        boolean appendDigest = !ramOnly && options.appendDigest;
        String securePad = null;
        if (chip.secureBootV1Padding() && options.securePad) {
            securePad = "1";
        }
        if (options.securePadV2) {
            securePad = "2";
        }
        SegmentWriter w = writer();
        ByteSink f = new ByteSink(estimateSize(segments, pageSize));
        w.commonHeader(f, FirmwareImage.ESP_IMAGE_MAGIC, segments.size());
        f.u8(FirmwareImage.WP_PIN_DISABLED);
        f.u8(0);
        f.u8(0);
        f.u8(0);
        f.u16(chip.imageChipId());
        f.u8(options.minRev);
        f.u16(options.minRevFull);
        f.u16(options.maxRevFull);
        f.fill(0, 4);
        f.u8(appendDigest ? 1 : 0);

        int checksum = FirmwareImage.CHECKSUM_MAGIC;
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingLong(Segment::address));
        List<Segment> flash = new ArrayList<>();
        List<Segment> ram = new ArrayList<>();
        for (Segment s : sorted) {
            (chip.isFlashAddress(s.address()) ? flash : ram).add(s.copy());
        }
        moveToFront(flash, ".flash.appdesc");
        moveToFront(ram, ".dram0.bootdesc");
        requireOneSegmentPerFlashPage(flash, pageSize);
        int total = 0;
        if (ramOnly) {
            for (Segment s : ram) {
                checksum = w.save(f, s, checksum, s.name());
                total++;
            }
            f.alignForChecksum();
            f.u8(checksum);
            List<Segment> reversed = new ArrayList<>(flash);
            java.util.Collections.reverse(reversed);
            long offset = chip.bootloaderOffset();
            for (Segment s : reversed) {
                // shift by the bootloader offset so the segment is aligned once flashed there; a pad that
                // would come out negative moves to the next page (v5.2 failed an assertion in that case)
                long pad = alignmentNeeded(f, s);
                if (pad < offset) {
                    pad += pageSize;
                }
                pad -= offset;
                w.save(f, new Segment(0, new byte[(int) pad], null, -1), 0, s.name());
                total++;
                saveFlashSegment(w, f, s, 0);
                total++;
            }
        } else {
            while (!flash.isEmpty()) {
                Segment s = flash.get(0);
                long pad = alignmentNeeded(f, s);
                if (pad > 0) {
                    Segment padSegment;
                    if (!ram.isEmpty() && pad > SEG_HEADER_LEN) {
                        padSegment = ram.get(0).splitFront((int) pad);
                        if (ram.get(0).length() == 0) {
                            ram.remove(0);
                        }
                    } else {
                        padSegment = new Segment(0, new byte[(int) pad], null, -1);
                    }
                    checksum = w.save(f, padSegment, checksum, s.name());
                    total++;
                } else {
                    checksum = saveFlashSegment(w, f, s, checksum);
                    flash.remove(0);
                    total++;
                }
            }
            for (Segment s : ram) {
                checksum = w.save(f, s, checksum, s.name());
                total++;
            }
        }
        if (securePad != null) {
            if (!appendDigest) {
                throw new ImageException("secure_pad only applies if a SHA-256 digest is also appended to the image");
            }
            long alignPast = (f.position() + SEG_HEADER_LEN) % pageSize;
            int spaceAfter = securePad.equals("1") ? 32 + 4 + 64 + 12 : 32;
            long pad = Math.floorMod(pageSize - alignPast - 16 - spaceAfter, (long) pageSize);
            checksum = w.save(f, new Segment(0, new byte[(int) pad], null, -1), checksum, null);
            total++;
        }
        if (!ramOnly) {
            f.alignForChecksum();
            f.u8(checksum);
        }
        int imageLength = f.position();
        f.set(1, ramOnly ? ram.size() : total);
        if (appendDigest) {
            f.write(FirmwareImage.sha256(f.array(), 0, imageLength));
        }
        if (padToSize > 0 && f.position() % padToSize != 0) {
            f.fill(0xFF, padToSize - f.position() % padToSize);
        }
        return f.toByteArray();
    }

    private SegmentWriter writer() {
        return new SegmentWriter(ImageChip.flashModeCode(options.flashMode), flashSizeFreq, entry, elfSha256,
                elfSha256Offset);
    }

    static int estimateSize(List<Segment> segments, int pageSize) {
        long n = 64;
        for (Segment s : segments) {
            n += s.length() + 16;
        }
        return (int) Math.min(Integer.MAX_VALUE - 16, n + 2L * pageSize);
    }

    private static void moveToFront(List<Segment> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.get(i).name())) {
                list.add(0, list.remove(i));
                return;
            }
        }
    }

    /** Bytes of padding (as a segment with its own header) needed so that {@code s} lands page-aligned. */
    private long alignmentNeeded(ByteSink f, Segment s) {
        long alignPast = (s.address() % pageSize) - SEG_HEADER_LEN;
        long pad = (pageSize - (f.position() % pageSize)) + alignPast;
        if (pad == 0 || pad == pageSize) {
            return 0;
        }
        pad -= SEG_HEADER_LEN;
        if (pad < 0) {
            pad += pageSize;
        }
        return pad;
    }

    private int saveFlashSegment(SegmentWriter w, ByteSink f, Segment s, int checksum) {
        if (chip.flashSegmentEndGap()) {
            long end = f.position() + s.length() + SEG_HEADER_LEN;
            long remainder = end % pageSize;
            if (remainder < 0x24) {
                s.append(new byte[(int) (0x24 - remainder)]);
            }
        }
        return w.save(f, s, checksum, s.name());
    }

    /** Python's {@code os.path.splitext(path)[0]}. */
    static String splitExtension(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1) {
            return path;
        }
        // leading dots of the base name do not start an extension
        String base = path.substring(slash + 1, dot);
        if (base.chars().allMatch(c -> c == '.')) {
            return path;
        }
        return path.substring(0, dot);
    }

    /** Two flash segments in the same MMU page cannot both be mapped: the reference refuses such ELFs. */
    static void requireOneSegmentPerFlashPage(List<Segment> flash, int pageSize) {
        if (flash.isEmpty()) {
            return;
        }
        long last = flash.get(0).address();
        for (Segment s : flash.subList(1, flash.size())) {
            if (s.address() / pageSize == last / pageSize) {
                throw new ImageException(String.format("Segment loaded at 0x%08x lands in same %d KB flash mapping"
                        + " as segment loaded at 0x%08x. Can't generate binary. Suggest changing linker script"
                        + " or ELF to merge sections.", s.address(), pageSize / 1024, last));
            }
            last = s.address();
        }
    }
}
