package org.jesptool.gui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import javax.swing.SwingUtilities;
import org.jesptool.monitor.MonitorSession;

/**
 * One monitor session on its own thread, seen by the window as text in three kinds: what the board printed, the
 * decoders' notes (boot log, crash), and the session's own messages. Buttons become the session's menu keys
 * (Ctrl+T R, Ctrl+T P, Ctrl+T T); typed text goes out as the board's console expects it (Enter sends CR).
 */
final class MonitorLink {
    /** What a piece of text is. */
    enum Kind { DEVICE, NOTE, SESSION }

    private static final int CTRL_T = 0x14;
    private static final int CTRL_RIGHT_BRACKET = 0x1D;
    private static final String NOTE_COLOR = "\u001B[0;33m--- ";
    private static final String RESET = "\u001B[0m";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private final MonitorSession.Options options;
    private final BiConsumer<Kind, String> show;
    private final Runnable ended;
    private final Keys keys = new Keys();
    private volatile MonitorSession session;
    private Thread thread;

    /** {@code show} and {@code ended} are called on the event thread. */
    MonitorLink(MonitorSession.Options options, BiConsumer<Kind, String> show, Runnable ended) {
        this.options = options;
        this.show = show;
        this.ended = ended;
    }

    String port() {
        return options.port;
    }

    /** Opens the port and runs the session on its own thread (the ELF is read there too). */
    void start() {
        thread = new Thread(() -> {
            try {
                MonitorSession s = new MonitorSession(options, keys, new PrintStream(new Sink(false), true,
                        StandardCharsets.UTF_8), new PrintStream(new Sink(true), true, StandardCharsets.UTF_8));
                session = s;
                int status = s.run();
                if (status != 0) {
                    post(Kind.SESSION, "--- The monitor stopped: the port could not be opened or did not come back.\n");
                }
            } catch (IOException | RuntimeException e) {
                post(Kind.SESSION, "--- The monitor stopped: " + Problems.words(e) + "\n");
            } finally {
                keys.close();
                SwingUtilities.invokeLater(ended);
            }
        }, "jesptool-gui-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the session to end; it closes the port within a read timeout. */
    void stop() {
        MonitorSession s = session;
        if (s != null) {
            s.stop();
        }
        keys.close();
    }

    /** Waits until the port is closed (off the event thread), at most {@code millis}. */
    void awaitEnd(long millis) {
        Thread t = thread;
        if (t != null) {
            try {
                t.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void resetIntoApp() {
        keys.add(CTRL_T, 'R');
    }

    void resetIntoBootloader() {
        keys.add(CTRL_T, 'P');
    }

    void toggleTimestamps() {
        keys.add(CTRL_T, 'T');
    }

    /** Sends a line of text and Enter (CR); control characters the session treats as keys are escaped. */
    void send(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int k = b & 0xFF;
            if (k == CTRL_T || k == CTRL_RIGHT_BRACKET) {
                keys.add(CTRL_T);
            }
            keys.add(k);
        }
        keys.add('\n');
    }

    private void post(Kind kind, String text) {
        SwingUtilities.invokeLater(() -> show.accept(kind, text));
    }

    /** The session's keyboard: a queue the buttons fill; closing it ends the session's key thread. */
    private static final class Keys extends InputStream {
        private static final int END = -1;
        private final LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        void add(int... ks) {
            if (!closed) {
                for (int k : ks) {
                    queue.add(k);
                }
            }
        }

        @Override
        public int read() throws IOException {
            if (closed && queue.isEmpty()) {
                return END;
            }
            try {
                Integer k;
                do {
                    k = queue.poll(200, TimeUnit.MILLISECONDS);
                } while (k == null && !closed);
                return k == null ? END : k;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return END;
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * The session's output, cut at each flush (the session flushes after every piece it shows): the notes come
     * in their own colour (one note per flush), which tells them apart from the board's text.
     */
    private final class Sink extends OutputStream {
        private final boolean messages;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Sink(boolean messages) {
            this.messages = messages;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            if (pending.size() == 0) {
                return;
            }
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            if (messages) {
                post(Kind.SESSION, text.replace("\r\n", "\n"));
                return;
            }
            int at = 0;
            while (at < text.length()) {
                int note = text.indexOf(NOTE_COLOR, at);
                if (note < 0) {
                    device(text.substring(at));
                    break;
                }
                device(text.substring(at, note));
                int end = text.indexOf(RESET, note);
                end = end < 0 ? text.length() : end;
                post(Kind.NOTE, "--- " + text.substring(note + NOTE_COLOR.length(), end) + "\n");
                at = Math.min(text.length(), end + RESET.length());
                at = text.startsWith("\r\n", at) ? at + 2 : at;
            }
        }

        private void device(String s) {
            String plain = ANSI.matcher(s).replaceAll("").replace("\r\n", "\n").replace("\r", "");
            if (!plain.isEmpty()) {
                post(Kind.DEVICE, plain);
            }
        }
    }
}
