package org.jesptool.target;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The supported chips, by name or by detection value. */
public final class Chips {
    private static final List<Chip> ALL = List.of(new Esp8266(), new Esp32(), new Esp32s2(), new Esp32s3(),
            new Esp32c2(), new Esp32c3(), new Esp32c5(), new Esp32c6(), new Esp32c61(), new Esp32h2(), new Esp32p4());

    private Chips() {
    }

    /** Every supported chip, ESP8266 first. */
    public static List<Chip> all() {
        return ALL;
    }

    /** Canonical names, e.g. for option completion and help. */
    public static List<String> names() {
        return ALL.stream().map(Chip::name).toList();
    }

    /** Normalises a user's spelling: {@code ESP32-S3}, {@code esp32s3}, {@code ESP32(S3)} all become {@code esp32s3}. */
    public static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("(", "").replace(")", "").replace("_", "").trim();
    }

    /** The chip with this name in any accepted spelling. */
    public static Optional<Chip> byName(String name) {
        String n = normalise(name);
        return ALL.stream().filter(c -> c.name().equals(n)).findFirst();
    }

    /** The chip whose image chip id (GET_SECURITY_INFO chip id) is {@code id}, among chips detected that way. */
    public static Optional<Chip> byChipId(int id) {
        return ALL.stream().filter(c -> !c.detectedByMagic() && c.imageChipId() == id).findFirst();
    }

    /** The chip whose legacy magic value is {@code magic}. */
    public static Optional<Chip> byMagic(int magic) {
        Optional<Chip> c = ALL.stream().filter(x -> x.detectedByMagic() && x.magicValue() == magic).findFirst();
        return c.isPresent() ? c : ALL.stream().filter(x -> x.legacyMagicValues().contains(magic)).findFirst();
    }

    /** The chip to assume when the ROM refuses READ_REG during detection (Secure Download Mode), if any. */
    public static Optional<Chip> refusingReadRegInSecureDownloadMode() {
        return ALL.stream().filter(Chip::refusesReadRegInSecureDownloadMode).findFirst();
    }

    /** The chip whose ROM banner carries a legacy mark found in {@code printed}, if any. */
    public static Optional<Chip> byLegacyBanner(String printed) {
        return ALL.stream().filter(c -> c.legacyBannerMark() != null && printed.contains(c.legacyBannerMark()))
                .findFirst();
    }

    /** Chip ids of removed beta chips, known but unsupported. */
    public static boolean isRemovedBetaChipId(int id) {
        return id == 4 || id == 6 || id == 7 || id == 10 || id == 14 || id == 17;
    }
}
