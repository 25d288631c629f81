package org.jesptool.cli.secure;

import java.nio.file.Path;
import org.jesptool.cli.CliNumbers;
import java.security.SecureRandom;
import java.util.concurrent.Callable;

import org.jesptool.secure.EspsecureException;
import org.jesptool.secure.FlashEncryption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Flash encryption: key generation, encrypt and decrypt. */
final class EncryptionCommands {
    private EncryptionCommands() {
    }

    @Command(name = "generate-flash-encryption-key", aliases = "generate_flash_encryption_key",
            description = "Generate a random flash encryption key. Keep it secret.")
    static final class GenerateFlashEncryptionKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"--keylen", "-l"}, defaultValue = "256",
                description = "Key length in bits: 128, 192 (ESP32 3/4 coding), 256 or 512 (XTS-AES-256).")
        int keylen;

        @Parameters(paramLabel = "KEY_FILE", description = "Output file.")
        Path keyFile;

        @Override
        public Integer call() {
            if (keylen != 128 && keylen != 192 && keylen != 256 && keylen != 512) {
                throw new EspsecureException("--keylen must be 128, 192, 256 or 512, not " + keylen + ".");
            }
            byte[] key = new byte[keylen / 8];
            new SecureRandom().nextBytes(key);
            FileIo.write(keyFile, key);
            java.util.Arrays.fill(key, (byte) 0);
            spec.commandLine().getOut().println("Writing " + keylen + " random bits to key file " + keyFile);
            return 0;
        }
    }

    /** Options shared by encrypt-flash-data and decrypt-flash-data. */
    abstract static class Crypt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KeyFileOption keyfileOption = new KeyFileOption();

        @Option(names = {"--output", "-o"}, required = true, description = "Output file.")
        Path output;

        @Option(names = {"--address", "-a"}, required = true, converter = CliNumbers.Unsigned32.class,
                description = "Flash address the data is written to (multiple of 16).")
        long address;

        @Option(names = "--flash-crypt-conf", converter = CliNumbers.Unsigned32.class, defaultValue = "0xF",
                description = "ESP32 FLASH_CRYPT_CONF eFuse value (default 0xF); not for --aes-xts.")
        long flashCryptConf;

        @Option(names = {"--aes-xts", "-x"}, description = "XTS-AES scheme of chips after the ESP32.")
        boolean aesXts;

        @Parameters(paramLabel = "FILE", description = "Input file.")
        Path input;

        abstract boolean decrypt();

        @Override
        public Integer call() {
            Path keyfile = keyfileOption.path;
            FileIo.requireDistinct(output, input, keyfile);
            byte[] key = FileIo.read(keyfile);
            byte[] data = FileIo.read(input);
            byte[] result;
            if (aesXts) {
                result = FlashEncryption.xts(data, key, keyfile.toString(), address, decrypt());
            } else {
                if (flashCryptConf == 0) {
                    spec.commandLine().getOut().println("Warning: Setting FLASH_CRYPT_CONF to zero is not recommended.");
                }
                if (!decrypt() && data.length % 16 != 0) {
                    spec.commandLine().getOut().println("Note: Padding with " + (16 - data.length % 16)
                            + " bytes of random data (encrypted data must be a multiple of 16 bytes long).");
                }
                result = FlashEncryption.esp32(data, key, keyfile.toString(), address, (int) flashCryptConf, decrypt());
            }
            java.util.Arrays.fill(key, (byte) 0);
            FileIo.write(output, result);
            spec.commandLine().getOut().println((decrypt() ? "Decrypted" : "Encrypted") + " " + data.length
                    + " bytes written to " + output + ".");
            return 0;
        }
    }

    @Command(name = "encrypt-flash-data", aliases = "encrypt_flash_data",
            description = "Encrypt data as the chip's flash encryption would, for writing with encryption applied.")
    static final class Encrypt extends Crypt {
        @Override
        boolean decrypt() {
            return false;
        }
    }

    @Command(name = "decrypt-flash-data", aliases = "decrypt_flash_data",
            description = "Decrypt data read back from encrypted flash.")
    static final class Decrypt extends Crypt {
        @Override
        boolean decrypt() {
            return true;
        }
    }
}
