package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jesptool.transport.ForwardingTransport;
import org.jesptool.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the fault soak (bench/soak --seed 2026, runs 1856, 3003, 5006): one corrupted byte in the ROM's
 * SPI_FLASH_MD5 reply (32 hex digits) escaped as a NumberFormatException instead of a flash error.
 */
class DamagedMd5ReplyTest {
    @TempDir
    Path dir;

    /** Turns one hex digit of the first ROM MD5 reply into a byte that is no hex digit. */
    static final class DamagedMd5 extends ForwardingTransport {
        boolean done;

        DamagedMd5(Transport inner) {
            super(inner);
        }

        @Override
        public int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
            int n = inner.read(buf, off, len, timeoutMillis);
            for (int i = off; !done && i + 20 < off + n; i++) {
                if ((buf[i] & 0xFF) == 0xC0 && buf[i + 1] == 1 && buf[i + 2] == 0x13) {
                    buf[i + 12] = (byte) 0x8F; // a hex digit of the digest
                    done = true;
                }
            }
            return n;
        }
    }

    @Test
    void damagedRomMd5ReplyIsAFlashErrorNotANumberFormatException() throws Exception {
        DamagedMd5[] t = new DamagedMd5[1];
        try (VirtualRig rig = VirtualRig.connect("esp32", dir.resolve("f.bin"), false, 115200,
                inner -> t[0] = new DamagedMd5(inner), null)) {
            Flasher f = new Flasher(rig.device.loader());
            byte[] data = new byte[4096];
            assertThatThrownBy(() -> f.verify(List.of(new FlashFile(0x10000, data, "d.bin")), new WriteOptions(),
                    false)).isInstanceOf(FlashException.class).hasMessageContaining("not a hexadecimal MD5");
            assertThat(t[0].done).isTrue();
        }
    }
}
