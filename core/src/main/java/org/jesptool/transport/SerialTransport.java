package org.jesptool.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** A local serial port (any path, pseudo-terminals included) through jSerialComm. */
final class SerialTransport implements Transport {
    private static final int POLL_MILLIS = 20;
    private final String name;
    private final SerialPort port;
    private final PortInfo info;
    private boolean linesRefused;

    SerialTransport(String name, int baud) throws IOException {
        this.name = name;
        Path path = Path.of(name);
        boolean isPath = name.startsWith("/");
        if (isPath && !Files.exists(path)) {
            throw new PortException(PortException.Reason.NOT_FOUND, "Serial port " + name + " does not exist."
                    + " Check the name (list the ports with 'esptool list-ports') and that the board is plugged in.");
        }
        if (isPath && (!Files.isReadable(path) || !Files.isWritable(path))) {
            throw permissionDenied(name);
        }
        try {
            port = SerialPort.getCommPort(name);
        } catch (SerialPortInvalidPortException e) {
            throw new PortException(PortException.Reason.NOT_FOUND, "Serial port " + name + " does not exist.", e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort(0)) {
            int errno = port.getLastErrorCode();
            if (errno == 13) {
                throw permissionDenied(name);
            }
            Optional<Long> holder = isPath ? holderOf(path) : Optional.empty();
            if (holder.isPresent()) {
                throw new PortException(PortException.Reason.BUSY, "Serial port " + name + " is busy: held by process "
                        + holder.get() + " (" + commandOf(holder.get()) + "). Close that program (a serial monitor?)"
                        + " and try again.");
            }
            if (!isPath || Files.exists(path)) {
                throw new PortException(errno == 16 ? PortException.Reason.BUSY : PortException.Reason.OTHER,
                        "Could not open serial port " + name + " (error " + errno + "): the port is busy or does"
                        + " not accept the settings. Close other programs using it and try again.");
            }
            throw new PortException(PortException.Reason.NOT_FOUND, "Serial port " + name + " does not exist.");
        }
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                POLL_MILLIS, 10_000);
        // Opening a tty may assert both lines (HUPCL), holding EN low; start from both released.
        port.clearDTR();
        port.clearRTS();
        info = new PortInfo(name, port.getPortDescription(), port.getVendorID(), port.getProductID(),
                Transports.known(port.getSerialNumber()));
    }

    private static PortException permissionDenied(String name) {
        return new PortException(PortException.Reason.PERMISSION, "Permission denied opening " + name + "."
                + " On Linux add yourself to the group that owns the port (usually 'dialout': sudo usermod -a -G"
                + " dialout $USER), then log out and in again.");
    }

    /** The process (other than this one) with the device open, found through /proc on Linux. */
    static Optional<Long> holderOf(Path device) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return Optional.empty();
        }
        long self = ProcessHandle.current().pid();
        try {
            Path real = device.toRealPath();
            try (Stream<Path> pids = Files.list(proc)) {
                return pids.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
                        .filter(p -> holds(p, real)).map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean holds(Path procDir, Path device) {
        try (Stream<Path> fds = Files.list(procDir.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(device);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String commandOf(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("unknown program");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.values());
    }

    @Override
    public PortInfo info() {
        return info;
    }

    @Override
    public int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            int n = port.readBytes(buf, len, off);
            if (n < 0) {
                throw new EOFException("Serial port " + name + " was closed or disconnected");
            }
            if (n > 0 || System.nanoTime() >= deadline) {
                return n;
            }
        }
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = port.writeBytes(data, len - done, off + done);
            if (n <= 0) {
                throw new IOException("Writing to serial port " + name + " failed (error " + port.getLastErrorCode() + ")");
            }
            done += n;
        }
    }

    // Lines a port cannot drive (pseudo-terminals) are ignored: jSerialComm just returns false.
    @Override
    public void setDtr(boolean asserted) {
        linesRefused |= !(asserted ? port.setDTR() : port.clearDTR());
    }

    @Override
    public void setRts(boolean asserted) {
        linesRefused |= !(asserted ? port.setRTS() : port.clearRTS());
    }

    @Override
    public boolean controlLinesRefused() {
        return linesRefused;
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        if (!port.setBaudRate(baud)) {
            throw new IOException("Serial port " + name + " does not accept " + baud + " baud");
        }
    }

    @Override
    public int baudRate() {
        return port.getBaudRate();
    }

    @Override
    public void discardInput() {
        byte[] b = new byte[4096];
        port.flushIOBuffers();
        while (port.bytesAvailable() > 0 && port.readBytes(b, b.length, 0) > 0) {
            // drain
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
