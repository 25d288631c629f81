package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jesptool.flash.WritePlanner.PlannedFile;
import org.junit.jupiter.api.Test;

class WritePlannerTest {
    static final ChipFacts ESP32 = new ChipFacts("ESP32", 0x1000, 0, true, true, true, false, false, (o, s) -> s,
            false, (o, s) -> s);
    static final ChipFacts ESP8266 = new ChipFacts("ESP8266", 0x0, -1, false, false, false, false, false,
            (o, s) -> s, true, (o, s) -> s);

    private static List<PlannedFile> plan(ChipFacts chip, boolean rom, WriteOptions options, FlashFile... files)
            throws FlashException {
        return WritePlanner.plan(List.of(files), chip, 300, rom, false, options, ProgressListener.NONE);
    }

    private static FlashFile file(int address, int length, String name) {
        byte[] d = new byte[length];
        Arrays.fill(d, (byte) 0x11);
        return new FlashFile(address, d, name);
    }

    @Test
    void padsToFourBytesWith0xFF() throws Exception {
        PlannedFile p = plan(ESP32, false, new WriteOptions(), file(0x10000, 5, "a.bin")).get(0);
        assertThat(p.data().toArray()).containsExactly(0x11, 0x11, 0x11, 0x11, 0x11, 0xFF, 0xFF, 0xFF);
        assertThat(p.address()).isEqualTo(0x10000);
    }

    @Test
    void padToSizePadsToMultiple() throws Exception {
        PlannedFile p = plan(ESP32, false, new WriteOptions().padToSize(0x1000), file(0x10000, 5, "a")).get(0);
        assertThat(p.data().toArray()).hasSize(0x1000);
        assertThat(p.data().toArray()[0x0FFF]).isEqualTo((byte) 0xFF);
    }

    @Test
    void romModeWidensUnalignedAddressToSectorStart() throws Exception {
        PlannedFile p = plan(ESP32, true, new WriteOptions(), file(0x10010, 4, "a")).get(0);
        assertThat(p.address()).isEqualTo(0x10000);
        assertThat(p.data().toArray()).hasSize(0x14);
        assertThat(p.data().toArray()[0x0F]).isEqualTo((byte) 0xFF);
        assertThat(p.data().toArray()[0x10]).isEqualTo((byte) 0x11);
        assertThat(plan(ESP32, false, new WriteOptions(), file(0x10010, 4, "a")).get(0).address())
                .isEqualTo(0x10010);
    }

    @Test
    void refusesOddAddress() {
        assertThatThrownBy(() -> plan(ESP32, false, new WriteOptions(), file(0x1001, 4, "a.bin")))
                .isInstanceOf(FlashException.class).hasMessageContaining("0x1001 of a.bin is not a multiple of 4")
                .hasMessageContaining("Nothing was written");
    }

    @Test
    void refusesEmptyFile() {
        assertThatThrownBy(() -> plan(ESP32, false, new WriteOptions(), file(0x1000, 0, "e.bin")))
                .hasMessageContaining("e.bin is empty");
    }

    @Test
    void refusesFilesSharingASector() {
        assertThatThrownBy(() -> plan(ESP32, false, new WriteOptions(), file(0x1000, 0x1004, "boot.bin"),
                file(0x2800, 16, "pt.bin"))).hasMessageContaining("Detected overlap at address 0x2800")
                .hasMessageContaining("boot.bin").hasMessageContaining("pt.bin");
        // order of arguments does not matter
        assertThatThrownBy(() -> plan(ESP32, false, new WriteOptions(), file(0x2800, 16, "pt.bin"),
                file(0x1000, 0x1004, "boot.bin"))).hasMessageContaining("overlap");
    }

    @Test
    void acceptsAdjacentSectors() throws Exception {
        assertThat(plan(ESP32, false, new WriteOptions(), file(0x1000, 0x1000, "a"), file(0x2000, 4, "b")))
                .hasSize(2);
    }

    @Test
    void refusesFileBiggerThanFlash() {
        assertThatThrownBy(() -> plan(ESP32, false, new WriteOptions().flashSize(1 << 20),
                file(0xF0000, 0x20000, "big.bin"))).hasMessageContaining("big.bin")
                .hasMessageContaining("past the end of the 1MB flash");
    }

    @Test
    void refusesBeyond16MbWithoutLoaderSupport() {
        assertThatThrownBy(() -> plan(ESP32, false, new WriteOptions(), file(0xFFFF00, 0x200, "x")))
                .hasMessageContaining("beyond 16 MB");
    }

    @Test
    void patchesOnlyTheFileAtTheBootloaderOffset() throws Exception {
        List<Integer> seenLengths = new ArrayList<>();
        WriteOptions o = new WriteOptions().bootloaderPatch(d -> {
            seenLengths.add(d.length);
            byte[] c = d.clone();
            c[2] = 0x02;
            return c;
        });
        List<PlannedFile> p = plan(ESP32, false, o, file(0x1000, 6, "boot"), file(0x10000, 8, "app"));
        assertThat(seenLengths).containsExactly(8); // padded before patching
        assertThat(p.get(0).data().toArray()[2]).isEqualTo((byte) 0x02);
        assertThat(p.get(1).data().toArray()[2]).isEqualTo((byte) 0x11);
    }

    private static byte[] esp32Image(int chipId, int minFull, int maxFull) {
        return esp32Image(chipId, 0, minFull, maxFull);
    }

    /** A segment-less ESP32-family image header with the given chip id and revision fields. */
    private static byte[] esp32Image(int chipId, int legacyMin, int minFull, int maxFull) {
        byte[] d = new byte[64];
        d[0] = (byte) 0xE9;
        d[12] = (byte) chipId;
        d[14] = (byte) legacyMin;
        d[15] = (byte) minFull;
        d[16] = (byte) (minFull >> 8);
        d[17] = (byte) maxFull;
        d[18] = (byte) (maxFull >> 8);
        return d;
    }

    @Test
    void refusesImageForAnotherChipUnlessForced() throws Exception {
        FlashFile c3 = new FlashFile(0x10000, esp32Image(5, 0, 0xFFFF), "app_c3.bin");
        assertThatThrownBy(() -> plan(ESP32, false, new WriteOptions(), c3))
                .hasMessageContaining("app_c3.bin is not an ESP32 image").hasMessageContaining("--force");
        assertThat(plan(ESP32, false, new WriteOptions().force(true), c3)).hasSize(1);
    }

    @Test
    void refusesImageOutsideRevisionRange() throws Exception {
        FlashFile newOnly = new FlashFile(0x10000, esp32Image(0, 301, 399), "app.bin");
        assertThatThrownBy(() -> plan(ESP32, false, new WriteOptions(), newOnly))
                .hasMessageContaining("requires chip revision in range [v3.1 - v3.99]")
                .hasMessageContaining("this chip is revision v3.0");
        FlashFile ok = new FlashFile(0x10000, esp32Image(0, 0, 399), "app.bin");
        assertThat(plan(ESP32, false, new WriteOptions(), ok)).hasSize(1);
    }

    @Test
    void esp8266ImagesAreNotChipChecked() throws Exception {
        assertThat(plan(ESP8266, true, new WriteOptions(), new FlashFile(0, esp32Image(5, 0, 0), "x"))).hasSize(1);
    }

    static final ChipFacts ESP32C3 = new ChipFacts("ESP32-C3", 0x0, 5, true, true, false, true, false, (o, s) -> s,
            false, (o, s) -> s);

    /** Plans one file at 0x10000 for {@code chip} at revision {@code rev}; returns the refusal message or "ok". */
    private static String verdict(ChipFacts chip, int rev, byte[] image) {
        try {
            WritePlanner.plan(List.of(new FlashFile(0x10000, image, "app.bin")), chip, rev, false, false,
                    new WriteOptions(), ProgressListener.NONE);
            return "ok";
        } catch (FlashException e) {
            return e.getMessage();
        }
    }

    @Test
    void fullRevisionRangeIsInclusiveAtBothEnds() {
        assertThat(verdict(ESP32, 300, esp32Image(0, 300, 300))).isEqualTo("ok");
        assertThat(verdict(ESP32, 300, esp32Image(0, 0, 299)))
                .contains("requires chip revision in range [v0.0 - v2.99]").contains("this chip is revision v3.0");
        assertThat(verdict(ESP32, 300, esp32Image(0, 301, 0xFFFF)))
                .contains("requires chip revision in range [v3.1 - max rev not set]");
        assertThat(verdict(ESP32, 300, esp32Image(0, 7, 300, 0xFFFF))).as("min_rev_full set: legacy ignored")
                .isEqualTo("ok");
    }

    @Test
    void legacyMinRevComparesWithTheMajorRevisionWhenMaxRevFullIsZero() {
        assertThat(verdict(ESP32, 300, esp32Image(0, 3, 999, 0))).isEqualTo("ok");
        assertThat(verdict(ESP32, 300, esp32Image(0, 4, 0, 0)))
                .contains("requires chip revision 4 or higher (this chip is revision v3.0)");
    }

    @Test
    void legacyMinRevAppliesWhenMaxIsUnsetAndMinFullIsZero() {
        assertThat(verdict(ESP32, 300, esp32Image(0, 4, 0, 0xFFFF))).contains("requires chip revision 4 or higher");
        assertThat(verdict(ESP32, 300, esp32Image(0, 3, 0, 0xFFFF))).isEqualTo("ok");
        assertThat(verdict(ESP32, 0, esp32Image(0, 0, 0, 0xFFFF))).as("all unset: any revision").isEqualTo("ok");
    }

    @Test
    void esp32c3ComparesLegacyMinRevWithTheMinorRevision() {
        assertThat(verdict(ESP32C3, 103, esp32Image(5, 3, 0, 0))).as("v1.3: minor 3").isEqualTo("ok");
        assertThat(verdict(ESP32C3, 103, esp32Image(5, 4, 0, 0)))
                .contains("requires chip revision 4 or higher (this chip is revision v1.3)");
        assertThat(verdict(ESP32, 103, esp32Image(0, 1, 0, 0))).as("ESP32: major 1").isEqualTo("ok");
        assertThat(verdict(ESP32, 103, esp32Image(0, 3, 0, 0))).contains("requires chip revision 3 or higher");
    }

    @Test
    void unknownRevisionChecksOnlyTheChipId() {
        assertThat(verdict(ESP32, -1, esp32Image(0, 9, 900, 999))).isEqualTo("ok");
        assertThat(verdict(ESP32, -1, esp32Image(5, 0, 0, 0xFFFF))).contains("is not an ESP32 image");
    }

    @Test
    void filesThatDoNotParseAsImagesAreWrittenUnchecked() {
        byte[] truncated = Arrays.copyOf(esp32Image(5, 0, 0, 0xFFFF), 20);
        assertThat(verdict(ESP32, 300, truncated)).isEqualTo("ok");
        byte[] badDigestFlag = esp32Image(5, 0, 0, 0xFFFF);
        badDigestFlag[23] = 2;
        assertThat(verdict(ESP32, 300, badDigestFlag)).isEqualTo("ok");
        byte[] segmentPastTheEnd = esp32Image(5, 0, 0, 0xFFFF);
        segmentPastTheEnd[1] = 1;
        segmentPastTheEnd[28] = (byte) 0xFF;
        assertThat(verdict(ESP32, 300, segmentPastTheEnd)).isEqualTo("ok");
    }
}
