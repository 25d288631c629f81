package org.jesptool.secure;

import java.io.ByteArrayOutputStream;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Secure Boot V2: signs images by padding them to 4 KiB and appending a signature sector of up to three
 * blocks, verifies them against a public key and describes the blocks present.
 */
public final class SecureBootV2 {
    private SecureBootV2() {
    }

    /** Result of {@link #sign}: the signed image and what happened on the way. */
    public record Signed(byte[] image, int signedLength, int blocksBefore, int blocksAfter) {
    }

    /** One line per signature slot plus the overall verdict. */
    public record Report(List<String> lines, boolean valid) {
    }

    /**
     * Signs {@code data} with every signer. With {@code append} the blocks already in the image are kept and
     * the new ones added after them (over the same data); without it an image that already carries a valid
     * signature block is refused. Unless {@code skipPadding}, data is padded with 0xFF to a 4 KiB boundary.
     */
    public static Signed sign(byte[] data, List<ImageSigner> signers, boolean append, boolean skipPadding) {
        if (signers.isEmpty()) {
            throw new EspsecureException("No signing key given: use --keyfile, or --pub-key with --signature.");
        }
        List<SignatureBlock> existing = validBlocks(data);
        byte[] contents = data;
        if (!existing.isEmpty()) {
            if (!append) {
                throw new EspsecureException("The image already has " + existing.size() + " signature block(s). Use "
                        + "--append-signatures to add another signature, or sign the unsigned image.");
            }
            contents = Arrays.copyOf(data, data.length - SignatureBlock.SECTOR);
        }
        int free = SignatureBlock.MAX_BLOCKS - existing.size();
        if (signers.size() > free) {
            throw new EspsecureException("Secure Boot V2 images hold at most " + SignatureBlock.MAX_BLOCKS
                    + " signature blocks; the image has " + existing.size() + " and " + signers.size()
                    + " more were asked for.");
        }
        if (!skipPadding && contents.length % SignatureBlock.SECTOR != 0) {
            int padded = (contents.length / SignatureBlock.SECTOR + 1) * SignatureBlock.SECTOR;
            byte[] p = Arrays.copyOf(contents, padded);
            Arrays.fill(p, contents.length, padded, (byte) 0xFF);
            contents = p;
        }
        for (SignatureBlock b : existing) {
            if (!Arrays.equals(b.imageDigest(), digest(b.scheme(), contents))) {
                throw new EspsecureException("The existing signature blocks do not match the image data; "
                        + "the image was changed after signing. Sign the unsigned image afresh.");
            }
        }
        ByteArrayOutputStream sector = new ByteArrayOutputStream();
        for (SignatureBlock b : existing) {
            sector.writeBytes(b.encode());
        }
        for (ImageSigner signer : signers) {
            PublicKey key = signer.publicKey();
            SigningScheme scheme = SigningScheme.of(key);
            byte[] signature = signer.sign(contents);
            if (!Verifier.verify(key, contents, signature)) {
                throw new EspsecureException("The new " + scheme.displayName() + " signature does not verify with its "
                        + "public key; the key or signer is faulty. Nothing was written.");
            }
            sector.writeBytes(SignatureBlock.of(key, digest(scheme, contents), signature).encode());
        }
        byte[] out = Arrays.copyOf(contents, contents.length + SignatureBlock.SECTOR);
        Arrays.fill(out, contents.length, out.length, (byte) 0xFF);
        byte[] blocks = sector.toByteArray();
        System.arraycopy(blocks, 0, out, contents.length, blocks.length);
        return new Signed(out, contents.length, existing.size(), existing.size() + signers.size());
    }

    /** The valid blocks at the start of the signature sector (stops at the first invalid slot). */
    public static List<SignatureBlock> validBlocks(byte[] image) {
        List<SignatureBlock> blocks = new ArrayList<>();
        for (int i = 0; i < SignatureBlock.MAX_BLOCKS; i++) {
            SignatureBlock b = SignatureBlock.parse(image, i);
            if (b == null) {
                break;
            }
            blocks.add(b);
        }
        return blocks;
    }

    /** Checks every block of a signed image against {@code key}; valid when one block verifies. */
    public static Report verify(byte[] image, PublicKey key) {
        checkSignedLength(image);
        byte[] contents = Arrays.copyOf(image, image.length - SignatureBlock.SECTOR);
        List<String> lines = new ArrayList<>();
        boolean valid = false;
        for (int i = 0; i < SignatureBlock.MAX_BLOCKS; i++) {
            SignatureBlock b = SignatureBlock.parse(image, i);
            if (b == null) {
                lines.add("Signature block " + i + " invalid or absent. Skipping.");
                continue;
            }
            if (!Arrays.equals(b.imageDigest(), digest(b.scheme(), contents))) {
                lines.add("Signature block " + i + " (" + b.scheme().displayName()
                        + "): image digest does not match the data; the image was modified after signing.");
                continue;
            }
            if (!b.hasKey(key)) {
                lines.add("Signature block " + i + " (" + b.scheme().displayName() + ") is not signed by the supplied key.");
                continue;
            }
            if (Verifier.verify(key, contents, b.signatureBigEndian())) {
                lines.add("Signature block " + i + " verification successful using the supplied key ("
                        + b.scheme().displayName() + ").");
                valid = true;
            } else {
                lines.add("Signature block " + i + " (" + b.scheme().displayName()
                        + ") carries the supplied key but its signature is invalid.");
            }
        }
        return new Report(lines, valid);
    }

    /**
     * Describes every block: scheme, key digest and whether the signature holds for the data. Valid unless a
     * present block fails (an unsigned image is reported, not an error).
     */
    public static Report info(byte[] image) {
        checkSignedLength(image);
        byte[] contents = Arrays.copyOf(image, image.length - SignatureBlock.SECTOR);
        List<String> lines = new ArrayList<>();
        boolean allValid = true;
        int count = 0;
        for (int i = 0; i < SignatureBlock.MAX_BLOCKS; i++) {
            SignatureBlock b = SignatureBlock.parse(image, i);
            if (b == null) {
                lines.add("Signature block " + i + " absent/invalid. Skipping checking next blocks.");
                break;
            }
            count++;
            boolean digestOk = Arrays.equals(b.imageDigest(), digest(b.scheme(), contents));
            boolean sigOk = digestOk && Verifier.verify(b.publicKey(), contents, b.signatureBigEndian());
            allValid &= sigOk;
            lines.add("Signature block " + i + " is " + (sigOk ? "valid" : "INVALID") + " (" + b.scheme().displayName()
                    + ")." + (digestOk ? "" : " Its image digest does not match the data."));
            lines.add("Public key digest for block " + i + ": " + spaced(b.keyDigest()));
        }
        if (count == 0) {
            lines.add("No valid signature block found: the image is not signed with Secure Boot V2.");
        }
        return new Report(lines, allValid);
    }

    private static void checkSignedLength(byte[] image) {
        if (image.length < SignatureBlock.SECTOR || image.length % SignatureBlock.SECTOR != 0) {
            throw new EspsecureException("Invalid datafile: a Secure Boot V2 signed image is a non-zero multiple of "
                    + "4096 bytes, this one is " + image.length + ".");
        }
    }

    static byte[] digest(SigningScheme scheme, byte[] data) {
        return SignatureBlock.digest(scheme.digestAlgorithm(), data, 0, data.length);
    }

    static String spaced(byte[] b) {
        String hex = HexFormat.of().formatHex(b);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }
}
