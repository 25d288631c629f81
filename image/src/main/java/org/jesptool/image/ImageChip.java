package org.jesptool.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Image-format facts of one chip: image chip id, bootloader flash offset, header encodings of flash mode,
 * frequency and size, the memory map used to classify segments, MMU page sizes and the UF2 family id.
 * Instances are immutable and come from {@link ImageFormats}.
 */
public final class ImageChip {
    /** Flash mode names and their header codes (byte 2), the same for every chip. */
    public static final Map<String, Integer> FLASH_MODES = orderedMap("qio", 0, "qout", 1, "dio", 2, "dout", 3);

    private final String name;
    private final String displayName;
    private final int imageChipId;
    private final long bootloaderOffset;
    private final Map<String, Integer> flashSizes;
    private final Map<String, Integer> flashFrequencies;
    private final long iromStart;
    private final long iromEnd;
    private final long dromStart;
    private final long dromEnd;
    private final List<MemoryRegion> memoryMap;
    private final List<Integer> mmuPageSizes;
    private final long uf2FamilyId;
    /** ESP32: Secure Boot V1 padding (elf2image --secure-pad) exists; set once by {@link ImageFormats}. */
    boolean secureBootV1Padding;
    /** ESP32: a flash segment must end at least 0x24 bytes before a page boundary; set once by ImageFormats. */
    boolean flashSegmentEndGap;

    ImageChip(String name, String displayName, int imageChipId, long bootloaderOffset,
              Map<String, Integer> flashSizes, Map<String, Integer> flashFrequencies,
              long[] irom, long[] drom, List<MemoryRegion> memoryMap, List<Integer> mmuPageSizes,
              long uf2FamilyId) {
        this.name = name;
        this.displayName = displayName;
        this.imageChipId = imageChipId;
        this.bootloaderOffset = bootloaderOffset;
        this.flashSizes = Collections.unmodifiableMap(flashSizes);
        this.flashFrequencies = Collections.unmodifiableMap(flashFrequencies);
        this.iromStart = irom[0];
        this.iromEnd = irom[1];
        this.dromStart = drom[0];
        this.dromEnd = drom[1];
        this.memoryMap = List.copyOf(memoryMap);
        this.mmuPageSizes = List.copyOf(mmuPageSizes);
        this.uf2FamilyId = uf2FamilyId;
    }

    /** Lower-case chip name as used on the command line, e.g. {@code esp32c3}. */
    public String name() {
        return name;
    }

    /** Name as the reference prints it, e.g. {@code ESP32-C3}. */
    public String displayName() {
        return displayName;
    }

    /**
     * Whether the chip's images carry the extended header with chip id and revisions (every chip but the
     * ESP8266, whose images have their own layout: no extended header, no appended digest).
     */
    public boolean hasExtendedHeader() {
        return imageChipId >= 0;
    }

    /** IMAGE_CHIP_ID stored in the extended header, or -1 for the ESP8266 which has none. */
    public int imageChipId() {
        return imageChipId;
    }

    /** Flash offset of the second-stage bootloader (0x0, 0x1000 or 0x2000). */
    public long bootloaderOffset() {
        return bootloaderOffset;
    }

    /** Flash size names in header order of preference with their high-nibble codes (e.g. "4MB" = 0x20). */
    public Map<String, Integer> flashSizes() {
        return flashSizes;
    }

    /** Flash frequency names with their low-nibble codes; several names may share a code. */
    public Map<String, Integer> flashFrequencies() {
        return flashFrequencies;
    }

    /** Header code of a flash mode name ({@code qio}, {@code qout}, {@code dio}, {@code dout}). */
    public static int flashModeCode(String mode) {
        Integer code = FLASH_MODES.get(mode.toLowerCase(Locale.ROOT));
        if (code == null) {
            throw new ImageException("Flash mode '" + mode + "' is not supported. Supported modes: "
                    + String.join(", ", FLASH_MODES.keySet()));
        }
        return code;
    }

    /** High-nibble header code of a flash size name; fails for sizes this chip does not support. */
    public int flashSizeCode(String size) {
        Integer code = flashSizes.get(size);
        if (code == null) {
            throw new ImageException("Flash size '" + size + "' is not supported by " + displayName
                    + ". Supported sizes: " + String.join(", ", flashSizes.keySet()));
        }
        return code;
    }

    /** Low-nibble header code of a flash frequency name; {@code null} encodes 0 (elf2image default). */
    public int flashFreqCode(String freq) {
        if (freq == null) {
            return 0;
        }
        Integer code = flashFrequencies.get(freq);
        if (code == null) {
            throw new ImageException("Flash frequency '" + freq + "' is not supported by " + displayName
                    + ". Supported frequencies: " + String.join(", ", flashFrequencies.keySet()));
        }
        return code;
    }

    /** First size name whose code is {@code code} (0x00-0xF0), or null. */
    public String flashSizeName(int code) {
        return keyOf(flashSizes, code);
    }

    /** First frequency name whose code is {@code code} (0x0-0xF), or null. */
    public String flashFreqName(int code) {
        return keyOf(flashFrequencies, code);
    }

    /** First mode name whose code is {@code code}, or null. */
    public static String flashModeName(int code) {
        return keyOf(FLASH_MODES, code);
    }

    /** Whether an address is mapped from flash (IROM or DROM range). */
    public boolean isFlashAddress(long address) {
        return (iromStart <= address && address < iromEnd) || (dromStart <= address && address < dromEnd);
    }

    /** The chip's memory map, in the reference's order. */
    public List<MemoryRegion> memoryMap() {
        return memoryMap;
    }

    /** Names of every memory-map region containing {@code address}, in map order. */
    public List<String> memoryTypes(long address) {
        return memoryMap.stream().filter(r -> r.contains(address)).map(MemoryRegion::name).toList();
    }

    /** MMU page sizes elf2image may select, empty when the page size is fixed. */
    public List<Integer> configurableMmuPageSizes() {
        return mmuPageSizes;
    }

    /** Default MMU page size (flash segment alignment) used by elf2image: 64 KiB. */
    public int defaultMmuPageSize() {
        return hasExtendedHeader() ? 0x10000 : 0;
    }

    /** Whether elf2image's {@code --secure-pad} (Secure Boot V1 padding) applies to this chip (ESP32). */
    public boolean secureBootV1Padding() {
        return secureBootV1Padding;
    }

    /**
     * Whether elf2image pads a flash segment so that it ends at least 0x24 bytes before an MMU page boundary
     * (ESP32: its bootloader maps the segment header bytes into the next page otherwise).
     */
    public boolean flashSegmentEndGap() {
        return flashSegmentEndGap;
    }

    /** UF2 family id used by merge-bin --format uf2. */
    public long uf2FamilyId() {
        return uf2FamilyId;
    }

    @Override
    public String toString() {
        return name;
    }

    private static <V> String keyOf(Map<String, V> map, Object value) {
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (e.getValue().equals(value)) {
                return e.getKey();
            }
        }
        return null;
    }

    static Map<String, Integer> orderedMap(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
