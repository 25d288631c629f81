package org.jesptool.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jesptool.flash.Esp8266InitData;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.FlashSizes;
import org.jesptool.flash.Flasher;
import org.jesptool.image.ImageChip;

/**
 * The enabled rows turned into flash writes, or the reasons they cannot be written: every check that needs no
 * board (and the chip and flash size once detected) runs here, before anything is sent.
 */
final class FlashPlan {
    /** A reason not to flash; {@code row} is the row index, or -1 for the list as a whole. */
    record Problem(int row, String text) {
    }

    private final List<FlashFile> files = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Row index of each file (the init data row yields two). */
    private final List<Integer> rowOf = new ArrayList<>();

    List<FlashFile> files() {
        return files;
    }

    List<Problem> problems() {
        return problems;
    }

    int rowOf(int fileIndex) {
        return rowOf.get(fileIndex);
    }

    /** The problems as one paragraph. */
    String describe() {
        StringBuilder s = new StringBuilder();
        for (Problem p : problems) {
            s.append(s.length() == 0 ? "" : " ").append(p.text());
        }
        return s.toString();
    }

    boolean ok() {
        return problems.isEmpty() && !files.isEmpty();
    }

    /**
     * @param chip the detected chip (null before Detect)
     * @param flashSize the detected flash size in bytes (0 when unknown; -1 when not known yet, so checks that
     *     need it wait until the board is connected)
     * @param initData esp_init_data_default.bin for INTERNAL://DEFAULT, or null
     */
    static FlashPlan of(List<FileRow> rows, ImageChip chip, long flashSize, Path initData) {
        FlashPlan p = new FlashPlan();
        for (int i = 0; i < rows.size(); i++) {
            FileRow r = rows.get(i);
            if (r.enabled) {
                p.add(i, r, chip, flashSize, initData);
            }
        }
        if (p.files.isEmpty() && p.problems.isEmpty()) {
            p.problems.add(new Problem(-1, "There is nothing to flash: add a file (drag it onto the list or press "
                    + "Add file...) and tick its box."));
        }
        if (p.problems.isEmpty()) {
            p.checkOverlaps(rows);
        }
        if (p.problems.isEmpty()) {
            try {
                Flasher.checkFiles(p.files);
            } catch (FlashException e) {
                p.problems.add(new Problem(-1, e.getMessage()));
            }
        }
        return p;
    }

    private void add(int row, FileRow r, ImageChip chip, long flashSize, Path initData) {
        String name = r.displayName();
        if (r.source.equals(FileRow.INTERNAL_DEFAULT)) {
            addInitData(row, chip, flashSize, initData);
            return;
        }
        long address = Numbers.parseAddress(r.address);
        if (address < 0) {
            problem(row, r.address.isBlank() ? "Type the flash address of " + name + " (for example 0x10000)."
                    : "The address '" + r.address.trim() + "' of " + name + " is not a number: type it like 0x10000.");
            return;
        }
        byte[] data;
        if (r.source.equals(FileRow.INTERNAL_BLANK)) {
            data = new byte[FileRow.SECTOR];
            Arrays.fill(data, (byte) 0xFF);
        } else {
            Path path = r.path();
            if (!Files.isRegularFile(path)) {
                problem(row, name + " is not there any more (" + path + "): choose the file again or untick the row.");
                return;
            }
            try {
                data = Files.readAllBytes(path);
            } catch (IOException e) {
                problem(row, name + " cannot be read (" + e.getMessage() + "): check its permissions.");
                return;
            }
            if (data.length == 0) {
                problem(row, name + " is empty: choose the right file.");
                return;
            }
            ImageSniffer.Sniff s = ImageSniffer.sniff(name, data);
            if (!checkImage(row, name, s, address, chip)) {
                return;
            }
        }
        if (flashSize > 0 && address + data.length > flashSize) {
            problem(row, String.format("%s at %s would end at %s, past the end of the %s flash: check the address.",
                    name, Numbers.hex(address), Numbers.hex(address + data.length), FlashSizes.format(flashSize)));
            return;
        }
        files.add(new FlashFile((int) address, data, r.source)); // the whole path: redo commands use it
        rowOf.add(row);
    }

    /** Another chip's image, an application where the bootloader goes, a bootloader elsewhere: refused. */
    private boolean checkImage(int row, String name, ImageSniffer.Sniff s, long address, ImageChip chip) {
        if (chip != null && s.chip() != null && !s.chip().name().equals(chip.name())) {
            problem(row, name + " is built for " + s.chip().displayName() + ", but the board is "
                    + chip.displayName() + ": choose the " + chip.displayName() + " build of this file.");
            return false;
        }
        ImageChip c = chip != null ? chip : s.chip();
        if (c == null) {
            return true;
        }
        if (s.kind() == ImageSniffer.Kind.APP && address == c.bootloaderOffset()) {
            problem(row, name + " is an application, but " + Numbers.hex(address) + " is where the "
                    + c.displayName() + " bootloader goes: put the application at "
                    + Numbers.hex(ImageSniffer.APP_OFFSET) + ".");
            return false;
        }
        if (s.kind() == ImageSniffer.Kind.BOOTLOADER && address != c.bootloaderOffset()) {
            problem(row, name + " is a bootloader: on " + c.displayName() + " it goes at "
                    + Numbers.hex(c.bootloaderOffset()) + ", not " + Numbers.hex(address) + ".");
            return false;
        }
        return true;
    }

    private void addInitData(int row, ImageChip chip, long flashSize, Path initData) {
        // SDK init data belongs to the ESP8266, the one chip whose image has no extended header
        if (chip != null && chip.hasExtendedHeader()) {
            problem(row, FileRow.INTERNAL_DEFAULT + " is ESP8266 SDK init data, but the board is "
                    + chip.displayName() + ": untick that row.");
            return;
        }
        if (flashSize < 0) {
            return; // checked again once connected, when the flash size is known
        }
        if (flashSize == 0) {
            problem(row, FileRow.INTERNAL_DEFAULT + " goes to the 4th-last sector of the flash: press Detect first "
                    + "so the flash size is known.");
            return;
        }
        if (initData == null || !Files.isRegularFile(initData)) {
            problem(row, FileRow.INTERNAL_DEFAULT + " needs the SDK's esp_init_data_default.bin, which is not there"
                    + " any more: remove the row and add it again with Add NodeMCU item to choose the file.");
            return;
        }
        try {
            byte[] data = Files.readAllBytes(initData);
            for (FlashFile f : Esp8266InitData.files(flashSize, data, initData.getFileName().toString())) {
                files.add(f);
                rowOf.add(row);
            }
        } catch (IOException e) {
            problem(row, "The init data " + initData + " cannot be used: " + e.getMessage());
        }
    }

    /** Two writes sharing a flash sector would erase each other's data. */
    private void checkOverlaps(List<FileRow> rows) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> files.get(i).address() & 0xFFFFFFFFL));
        for (int k = 1; k < order.size(); k++) {
            FlashFile a = files.get(order.get(k - 1));
            FlashFile b = files.get(order.get(k));
            long aEnd = (a.end() + FileRow.SECTOR - 1) & ~(long) (FileRow.SECTOR - 1);
            if ((b.address() & 0xFFFFFFFFL) < aEnd) {
                String aName = rows.get(rowOf.get(order.get(k - 1))).displayName();
                String bName = rows.get(rowOf.get(order.get(k))).displayName();
                problem(rowOf.get(order.get(k)), String.format("%s (%s to %s) and %s (at %s) overlap: writing one "
                        + "would erase part of the other. Change an address or untick one of them.", aName,
                        Numbers.hex(a.address()), Numbers.hex(a.end() - 1), bName, Numbers.hex(b.address())));
            }
        }
    }

    private void problem(int row, String text) {
        problems.add(new Problem(row, text));
    }
}
