package org.jesptool.flash;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jesptool.command.NoReplyException;
import org.jesptool.command.SlipLink;
import org.jesptool.loader.EspLoader;
import org.jesptool.loader.Loader;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;

/**
 * Stub READ_FLASH with several packets in flight: the stub sends while fewer than {@code max_in_flight} bytes
 * are unacknowledged, so a window of a few packets keeps the line busy while acknowledgements travel back
 * (the reference's 64 bytes means one packet at a time, stop-and-wait). Same checks as the loader's read:
 * full-size packets, cumulative acknowledgements, MD5 of the data at the end.
 */
final class PipelinedRead {
    static final int PACKET = 0x1000;
    static final int IN_FLIGHT = 4 * PACKET;

    private PipelinedRead() {
    }

    /** Reads through the stub with a window when the loader allows it, else through {@link Loader#readFlash}. */
    static void read(Loader loader, int offset, int length, Loader.ReadSink sink) throws IOException {
        if (!(loader instanceof EspLoader esp) || !loader.isStub()) {
            loader.readFlash(offset, length, sink);
            return;
        }
        long timeout = esp.timeouts().defaultMillis();
        MessageDigest md5 = Md5.digest();
        esp.channel().check(Opcode.READ_FLASH, Packet.words(offset, length, PACKET, IN_FLIGHT), 0, timeout, 0);
        SlipLink link = esp.channel().link();
        int total = 0;
        while (total < length) {
            byte[] chunk = link.readFrame(timeout);
            if (chunk == null) {
                throw new NoReplyException("Flash read stopped after " + total + " of " + length + " bytes: no data for "
                        + timeout / 1000.0 + " s", link.takeNoise());
            }
            if (chunk.length < PACKET && total + chunk.length < length) {
                throw new IOException("Corrupt data during flash read: expected " + PACKET + " bytes but received "
                        + chunk.length);
            }
            total += chunk.length;
            if (total > length) {
                throw new IOException("Flash read returned more data than requested (" + total + " > " + length
                        + ")");
            }
            link.writeFrame(Packet.words(total));
            md5.update(chunk);
            sink.accept(chunk, total);
        }
        byte[] digest = link.readFrame(timeout);
        if (digest == null || digest.length != 16) {
            throw new IOException("The stub did not send the MD5 of the flash read");
        }
        if (!Arrays.equals(digest, md5.digest())) {
            throw new IOException("The MD5 of the flash read does not match the data received: the data is corrupt");
        }
    }
}
