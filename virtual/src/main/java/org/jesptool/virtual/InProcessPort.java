package org.jesptool.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/** A {@link VirtualPort} whose other end is a {@link Device} in the same process. */
final class InProcessPort implements VirtualPort {
    private final Device device;
    private final boolean ownsDevice;
    private final Cable cable;
    private final Runnable onUnplug;
    private volatile boolean closed;
    private volatile boolean unplugged;
    private boolean dtr;
    private boolean rts;

    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            int n = read(b, 0, 1);
            return n < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            device.settle(true, false);
            try {
                int n;
                do {
                    n = device.link.read(b, off, len, -1);
                } while (n == 0);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading from the virtual device");
            }
        }

        @Override
        public int available() {
            device.settle(true, false);
            return device.link.available();
        }
    };

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("virtual port is closed");
            }
            checkPlugged();
            int n = cable.pass(len);
            if (n > 0) {
                device.receive(b, off, n);
            }
            if (cable.takeCut()) {
                unplug();
                if (n < len) {
                    checkPlugged();
                }
            }
        }
    };

    InProcessPort(Device device, boolean ownsDevice) {
        this(device, ownsDevice, -1, () -> { });
    }

    /**
     * @param unplugAfter host bytes after which the board is unplugged (-1: never): its power goes and every
     *     later read ends (end of stream), every write or line change fails, as on a vanished USB device
     * @param onUnplug runs once when that happens
     */
    InProcessPort(Device device, boolean ownsDevice, long unplugAfter, Runnable onUnplug) {
        this.device = device;
        this.ownsDevice = ownsDevice;
        this.cable = new Cable(unplugAfter);
        this.onUnplug = onUnplug;
    }

    private synchronized void unplug() throws IOException {
        if (unplugged) {
            return;
        }
        unplugged = true;
        device.trace("unplugged after the configured number of host bytes (unplug-after)");
        onUnplug.run();
        device.close(); // power gone: the host's reads end, flash contents are kept (image file flushed)
    }

    private void checkPlugged() throws IOException {
        if (unplugged) {
            throw new IOException("the virtual device was unplugged (unplug-after)");
        }
    }

    Device device() {
        return device;
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public synchronized void setDtr(boolean asserted) throws IOException {
        checkPlugged();
        dtr = asserted;
        device.setLines(dtr, rts);
    }

    @Override
    public synchronized void setRts(boolean asserted) throws IOException {
        checkPlugged();
        rts = asserted;
        device.setLines(dtr, rts);
    }

    @Override
    public synchronized void setDtrRts(boolean dtrAsserted, boolean rtsAsserted) throws IOException {
        checkPlugged();
        dtr = dtrAsserted;
        rts = rtsAsserted;
        device.setLines(dtr, rts);
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        checkPlugged();
        if (baud <= 0) {
            throw new IOException("invalid baud rate " + baud);
        }
        device.setHostBaud(baud);
    }

    @Override
    public int baudRate() {
        return device.hostBaud();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsDevice) {
            device.close();
        } else {
            device.link.close();
        }
    }
}
