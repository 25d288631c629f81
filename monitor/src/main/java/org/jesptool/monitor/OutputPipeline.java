package org.jesptool.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the monitor does with the bytes it receives: shows them (partial lines after a short silence, so
 * prompts appear), splits them into lines, and shows the decoders' notes right after the line they explain,
 * in a distinct colour on a terminal. ANSI colours from the device are kept on a terminal and stripped when
 * the output is piped; a log file gets the same text without colours.
 */
final class OutputPipeline {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final String NOTE_COLOR = "\u001B[0;33m";
    private static final String RESET = "\u001B[0m";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final boolean color;
    private final BootLogDecoder boot;
    private final CrashDecoder crash;
    private final byte[] line = new byte[4096];
    private int length;
    private int shown;
    private String decodedPartial;
    private boolean timestamps;
    private OutputStream log;
    private int garbledInARow;
    /** Called with each complete line (text, no line end) after it was shown and decoded. */
    private Consumer<String> lineListener = l -> { };
    /** Called when a garbled stretch of output was shown (wrong baud rate). */
    private Runnable garbageListener = () -> { };

    OutputPipeline(PrintStream out, boolean color, BootLogDecoder boot, CrashDecoder crash) {
        this.out = out;
        this.color = color;
        this.boot = boot;
        this.crash = crash;
    }

    void onLine(Consumer<String> listener) {
        this.lineListener = listener;
    }

    void onGarbage(Runnable listener) {
        this.garbageListener = listener;
    }

    synchronized void setTimestamps(boolean on) {
        timestamps = on;
    }

    synchronized boolean timestamps() {
        return timestamps;
    }

    synchronized void setLog(OutputStream log) {
        this.log = log;
    }

    synchronized OutputStream log() {
        return log;
    }

    /** Bytes from the device. */
    synchronized void receive(byte[] b, int off, int n) {
        for (int i = off; i < off + n; i++) {
            byte x = b[i];
            if (length == line.length) {
                endLine(false); // an overlong line without LF: show and decode it in pieces
            }
            line[length++] = x;
            if (x == '\n') {
                endLine(true);
            }
        }
    }

    /** The line went quiet: show what has arrived of it (and explain a ROM line that has no line end). */
    synchronized void idle() {
        if (length > shown) {
            show(shown, length);
            shown = length;
            String text = text(0, length).strip();
            if (text.startsWith("ets_main.c")) {
                decodedPartial = text;
                notes(boot.decode(text));
            }
        }
    }

    private void endLine(boolean complete) {
        show(shown, length);
        String text = text(0, length);
        String bare = ANSI.matcher(text).replaceAll("").replace("\r", "").replace("\n", "");
        if (!bare.strip().equals(decodedPartial)) {
            List<String> notes = new ArrayList<>(boot.decode(bare));
            notes.addAll(crash.decode(bare.strip()));
            garbage(bare, notes);
            notes(notes);
        }
        decodedPartial = null;
        length = 0;
        shown = 0;
        if (complete) {
            lineListener.accept(bare);
        }
    }

    private static int badCount(String s) {
        int bad = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || c < 0x20 && c != '\t' && c != '\b' && c != 0x1B && c != '\r' && c != '\n') {
                bad++;
            }
        }
        return bad;
    }

    private void garbage(String bare, List<String> notes) {
        int bad = badCount(bare);
        if (bad >= 2 && bad * 4 >= bare.length()) {
            garbledInARow++;
            if (garbledInARow == 3) {
                notes.add("Warning: garbled lines: the baud rate does not match the chip's. The ESP8266 ROM (and an"
                        + " ESP32-C2 with a 26 MHz crystal) prints at 74880 baud; an app prints at its configured rate"
                        + " (--monitor-baud); a crystal other than the build assumed scales the rate");
            }
        } else {
            garbledInARow = 0;
        }
    }

    /** Shows the bytes [from, to) of the current line. */
    private void show(int from, int to) {
        if (to <= from) {
            return;
        }
        String text = text(from, to);
        if (to - from >= 8 && badCount(text) * 4 >= text.length()) {
            garbageListener.run();
        }
        String plain = ANSI.matcher(text).replaceAll("");
        String prefix = from == 0 && timestamps ? LocalTime.now().format(TIME) + " " : "";
        out.print(prefix + printable(color ? text : plain));
        out.flush();
        writeLog(prefix + plain);
    }

    /** Shows notes, each on its own line. */
    synchronized void notes(List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        if (length > 0 && line[length - 1] != '\n') {
            out.print("\r\n");
            writeLog("\n");
        }
        for (String n : notes) {
            out.print((color ? NOTE_COLOR : "") + "--- " + n + (color ? RESET : "") + "\r\n");
            writeLog("--- " + n + "\n");
        }
        out.flush();
    }

    private void writeLog(String s) {
        if (log != null) {
            try {
                log.write(s.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
                log.flush();
            } catch (IOException e) {
                log = null;
                out.print("--- Error: cannot write the log file (" + e.getMessage() + "): logging stopped\r\n");
            }
        }
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    /** Terminal-safe text: control characters other than CR, LF, TAB, BS and ESC become '.'. */
    private static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 && c != '\r' && c != '\n' && c != '\t' && c != '\b' && c != 0x1B || c == 0x7F;
            if (bad && b == null) {
                b = new StringBuilder(s.substring(0, i));
            }
            if (b != null) {
                b.append(bad ? '.' : c);
            }
        }
        return b == null ? s : b.toString();
    }
}
