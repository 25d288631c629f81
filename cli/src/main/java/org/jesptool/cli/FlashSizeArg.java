package org.jesptool.cli;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jesptool.image.ImageFormats;
import org.jesptool.image.Numbers;
import org.jesptool.image.Sizes;

/**
 * The {@code --flash-size} argument as esptool takes it, checked before anything is opened. The megabit names of
 * esptool 2.x ({@code -fs 32m}, still in the NodeMCU and Adafruit guides) are accepted and mapped to today's
 * byte sizes ({@code 32m} is {@code 4MB}) with a note naming the new spelling.
 */
public final class FlashSizeArg {
    /**
     * The sizes some chip's image header can encode, smallest first (the ESP8266-only ones included; a chip
     * refuses the ones it lacks when the header is written).
     */
    public static final List<String> NAMES = ImageFormats.all().stream()
            .flatMap(c -> c.flashSizes().keySet().stream()).distinct()
            .sorted(Comparator.comparingLong(Sizes::flashSizeBytes).thenComparing(Comparator.naturalOrder()))
            .toList();

    private FlashSizeArg() {
    }

    /**
     * The current name of {@code given}: a size name (letter case as esptool has it: {@code 4MB}, {@code 2MB-c1}),
     * {@code detect}/{@code keep} when {@code special} allows them, or a megabit name (reported to {@code notes}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static String resolve(String given, List<String> special, Consumer<String> notes) {
        String t = given.strip();
        if (special.contains(t) || NAMES.contains(t)) {
            return t;
        }
        String megabit = Numbers.megabitFlashSize(t);
        if (megabit != null) {
            notes.accept(Numbers.megabitNote(t, megabit));
            return megabit;
        }
        throw new IllegalArgumentException("Invalid flash size '" + given + "': use "
                + (special.isEmpty() ? "" : String.join(", ", special) + " or ") + "one of "
                + String.join(", ", NAMES) + ".");
    }
}
