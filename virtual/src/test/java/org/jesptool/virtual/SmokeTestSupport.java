package org.jesptool.virtual;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

final class SmokeTestSupport {
    private SmokeTestSupport() {
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return z.toByteArray();
    }
}
