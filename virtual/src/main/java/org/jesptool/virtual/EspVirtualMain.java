package org.jesptool.virtual;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code bin/esp-virtual}: the virtual device as a TCP server. */
@Command(name = "esp-virtual", mixinStandardHelpOptions = true, sortOptions = false,
        version = "esp-virtual (JEsptool) 0.1",
        description = {"Emulates an ESP chip's serial ROM bootloader (and the flasher stub) behind a TCP port.",
                "Point a client at socket://HOST:PORT (plain) or rfc2217://HOST:PORT (with --rfc2217).",
                "The chip starts in download mode; flash and chip state persist between connections."})
public final class EspVirtualMain implements Callable<Integer> {
    @Option(names = {"-c", "--chip"}, required = true, paramLabel = "CHIP",
            description = "esp8266, esp32, esp32s2, esp32s3, esp32c2, esp32c3, esp32c5, esp32c6, esp32c61, esp32h2, esp32p4")
    String chip;

    @Option(names = {"-l", "--listen"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5555",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free port).")
    String listen;

    @Option(names = "--rfc2217", description = "Speak RFC 2217 (baud rate, DTR and RTS travel with the data).")
    boolean rfc2217;

    @Option(names = "--reset-on-connect", description = "Power-cycle the board for every new client (plain sockets cannot reset it).")
    boolean resetOnConnect;

    @Option(names = {"-f", "--flash-file"}, paramLabel = "FILE",
            description = "Keep flash contents in FILE (created 0xFF-filled when missing, never truncated).")
    Path flashFile;

    @Option(names = "--efuse-file", paramLabel = "FILE",
            description = "Keep the eFuses in FILE (created from the board's settings when missing).")
    Path efuseFile;

    @Option(names = {"-s", "--flash-size"}, paramLabel = "SIZE", description = "Flash size, e.g. 4MB (default), 16MB, 512KB.")
    String flashSize;

    @Option(names = "--jedec", paramLabel = "ID", description = "RDID bytes, e.g. ef4016 or 0x1640EF (default: Winbond id for the size).")
    String jedec;

    @Option(names = "--mac", paramLabel = "MAC", description = "Factory MAC address encoded in eFuse.")
    String mac;

    @Option(names = "--rev", paramLabel = "X.Y", description = "Chip revision, e.g. 0.3 or v1.0.")
    String rev;

    @Option(names = "--boot", paramLabel = "MODE", description = "Strap: 'download' (default, held in download mode) or 'app' (follow DTR/RTS).")
    String boot;

    @Option(names = "--usb", paramLabel = "MODE", description = "Reset wiring: uart (default, USB-UART bridge), jtag (USB-Serial/JTAG), otg.")
    String usb;

    @Option(names = "--sdm", description = "Secure download mode.")
    boolean sdm;

    @Option(names = "--secure-boot", description = "Report secure boot as enabled.")
    boolean secureBoot;

    @Option(names = "--flash-crypt-cnt", paramLabel = "N", description = "Value of the flash encryption counter eFuse.")
    String flashCryptCnt;

    @Option(names = "--xtal", paramLabel = "MHZ", description = "Crystal frequency.")
    String xtal;

    @Option(names = "--realtime", description = "Pace bytes at the baud rate and model flash timings.")
    boolean realtime;

    @Option(names = "--latency", paramLabel = "MS", description = "Reply turnaround in real-time mode (default 1 ms).")
    String latency;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "Any virtual:// option, e.g. -o residue=6cb9.")
    List<String> options = new ArrayList<>();

    @Option(names = "--trace", description = "Log every command and reset to stderr.")
    boolean trace;

    private final CountDownLatch stopped = new CountDownLatch(1);

    EspVirtualMain() {
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new EspVirtualMain());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            System.err.println("esp-virtual: " + ex.getMessage());
            if (ex instanceof IllegalArgumentException || ex instanceof IOException) {
                return 2;
            }
            ex.printStackTrace();
            return 1;
        });
        System.exit(cl.execute(args));
    }

    DeviceConfig config() {
        DeviceConfig c = new DeviceConfig();
        c.chip = Chips.byName(chip);
        setIf(c, "flash", flashSize);
        setIf(c, "jedec", jedec);
        setIf(c, "mac", mac);
        setIf(c, "rev", rev);
        setIf(c, "boot", boot);
        setIf(c, "usb", usb);
        setIf(c, "flash-crypt-cnt", flashCryptCnt);
        setIf(c, "xtal", xtal);
        setIf(c, "latency", latency);
        c.flashFile = flashFile;
        c.efuseFile = efuseFile;
        c.secureDownload = sdm;
        c.secureBoot = secureBoot;
        c.realtime = realtime;
        c.trace = trace;
        for (String kv : options) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                c.set(kv, "1");
            } else {
                c.set(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return c;
    }

    private static void setIf(DeviceConfig c, String key, String value) {
        if (value != null) {
            c.set(key, value);
        }
    }

    static InetSocketAddress parseListen(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen wants HOST:PORT, not '" + s + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen port must be a number: '" + s + "'");
        }
        return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
    }

    @Override
    public Integer call() throws Exception {
        DeviceConfig config = config();
        PrintStream err = System.err;
        Device device = new Device(config, err);
        TcpServer server = new TcpServer(device, parseListen(listen), rfc2217, err);
        server.resetOnConnect(resetOnConnect);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                device.close();
            } catch (IOException e) {
                err.println("esp-virtual: closing: " + e.getMessage());
            }
            stopped.countDown();
        }, "esp-virtual-shutdown"));
        InetSocketAddress a = server.address();
        String hostText = a.getAddress().getHostAddress();
        if (hostText.contains(":")) {
            hostText = "[" + hostText + "]";
        }
        System.out.printf("esp-virtual: %s listening on %s:%d (connect with %s://%s:%d)%n", config.chip.displayName, hostText,
                server.port(), rfc2217 ? "rfc2217" : "socket", hostText, server.port());
        System.out.flush();
        server.serve();
        if (server.gone()) {
            err.println("esp-virtual: stopped: the board was unplugged (unplug-after, replug=0).");
            return 0;
        }
        stopped.await();
        return 0;
    }
}
