package org.jesptool.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the flash mode, frequency and size of a bootloader image on its way to the bootloader offset, as
 * the reference does for write-flash, verify-flash and merge-bin: only at the chip's bootloader offset, only
 * for bytes that parse as a valid image of that chip, {@code keep} retaining a field, and recomputing an
 * appended SHA-256 digest (bytes after the digest, e.g. the rest of a merged image, are kept).
 */
public final class FlashHeaderPatcher {
    private FlashHeaderPatcher() {
    }

    /**
     * Outcome of {@link #patch}: the (possibly unchanged) bytes, informational messages such as
     * {@code "Flash parameters set to 0x0220."} and warnings.
     */
    public record Result(byte[] data, boolean changed, List<String> messages, List<String> warnings) {
    }

    /**
     * Patches {@code image} destined for flash {@code address}.
     *
     * @param mode flash mode name or {@code keep}
     * @param freq flash frequency name or {@code keep}
     * @param size flash size name, {@code keep}, or {@code detect} (then {@code detectedSize} is used; when it
     *             is null the size is kept)
     */
    public static Result patch(byte[] image, long address, ImageChip chip, String mode, String freq, String size,
                               String detectedSize) {
        List<String> messages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String effectiveSize = "detect".equals(size) ? (detectedSize == null ? "keep" : detectedSize) : size;
        if (image.length < 8 || address != chip.bootloaderOffset()
                || ("keep".equals(mode) && "keep".equals(freq) && "keep".equals(effectiveSize))) {
            return new Result(image, false, messages, warnings);
        }
        if ((image[0] & 0xFF) != FirmwareImage.ESP_IMAGE_MAGIC) {
            warnings.add(String.format("Image file at 0x%x doesn't look like an image file, so not changing any flash"
                    + " settings.", address));
            return new Result(image, false, messages, warnings);
        }
        FirmwareImage parsed;
        try {
            parsed = parseAsBootloader(image, chip);
        } catch (ImageException e) {
            warnings.add(String.format("Image file at 0x%x is not a valid %s image, so not changing any flash"
                    + " settings.", address, chip.displayName()));
            return new Result(image, false, messages, warnings);
        }
        boolean shaAppended = image.length > 23 && image[23] == 1;
        int newMode = "keep".equals(mode) ? image[2] & 0xFF : ImageChip.flashModeCode(mode);
        int freqBits = "keep".equals(freq) ? image[3] & 0x0F : chip.flashFreqCode(freq);
        int sizeBits = "keep".equals(effectiveSize) ? image[3] & 0xF0 : chip.flashSizeCode(effectiveSize);
        int newSizeFreq = (sizeBits + freqBits) & 0xFF;
        byte[] out = image;
        boolean changed = false;
        if (newMode != (image[2] & 0xFF) || newSizeFreq != (image[3] & 0xFF)) {
            messages.add(String.format("Flash parameters set to 0x%04x.", (newMode << 8) | newSizeFreq));
            out = image.clone();
            out[2] = (byte) newMode;
            out[3] = (byte) newSizeFreq;
            changed = true;
        }
        if (shaAppended && chip.hasExtendedHeader() && parsed.dataLength() > 0) {
            int len = parsed.dataLength();
            byte[] digest = FirmwareImage.sha256(out, 0, len);
            if (out == image) {
                out = image.clone();
            }
            int copy = Math.min(32, out.length - len);
            byte[] withDigest = out;
            if (copy < 32) {
                withDigest = java.util.Arrays.copyOf(out, len + 32);
            }
            System.arraycopy(digest, 0, withDigest, len, 32);
            out = withDigest;
            changed = true;
            messages.add("SHA digest in image updated.");
        }
        return new Result(out, changed, messages, warnings);
    }

    /** Same as {@link #patch(byte[], long, ImageChip, String, String, String, String)} without a detected size. */
    public static Result patch(byte[] image, long address, ImageChip chip, String mode, String freq, String size) {
        return patch(image, address, chip, mode, freq, size, null);
    }

    /** Same as {@link #patch(byte[], long, ImageChip, String, String, String, String)} with a chip name. */
    public static Result patch(byte[] image, long address, String chipName, String mode, String freq, String size,
                               String detectedSize) {
        return patch(image, address, ImageFormats.forChip(chipName), mode, freq, size, detectedSize);
    }

    private static FirmwareImage parseAsBootloader(byte[] image, ImageChip chip) {
        if (!chip.hasExtendedHeader() && (image[0] & 0xFF) != FirmwareImage.ESP_IMAGE_MAGIC) {
            throw new ImageException("not a v1 image");
        }
        return FirmwareImage.parse(image, chip);
    }
}
