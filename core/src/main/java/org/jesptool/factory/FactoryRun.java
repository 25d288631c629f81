package org.jesptool.factory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one {@link BoardJob} on many boards at once, each on its own thread with its own session; one board's
 * failure never stops the others.
 *
 * <pre>{@code
 * FactoryRun run = FactoryRun.start(List.of("/dev/ttyUSB0", "/dev/ttyUSB1"),
 *         FlashJob.of(files).connect(port -> ConnectOptions.of(port).baud(921600).stub(stub)),
 *         new BoardListener() {
 *             public void progress(BoardProgress p) { System.out.println(p.port() + " " + p.percent() + "%"); }
 *         });
 * List<BoardResult> results = run.await();   // one per port, in port order
 * }</pre>
 *
 * A port named twice (also as another path to the same device) runs once; its second entry fails at once with
 * a message saying so.
 */
public final class FactoryRun {
    private final List<String> ports;
    private final BoardJob job;
    private final BoardListener listener;
    private final BoardResult[] results;
    private final CountDownLatch done;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

    private FactoryRun(List<String> ports, BoardJob job, BoardListener listener) {
        this.ports = List.copyOf(ports);
        this.job = job;
        this.listener = listener == null ? BoardListener.NONE : listener;
        this.results = new BoardResult[ports.size()];
        this.done = new CountDownLatch(ports.size());
    }

    /** Starts {@code job} on every port at once and returns without waiting. */
    public static FactoryRun start(List<String> ports, BoardJob job, BoardListener listener) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("no ports given");
        }
        FactoryRun r = new FactoryRun(ports, job, listener);
        r.launch();
        return r;
    }

    /** Runs {@code job} on every port at once and waits for all: one result per port, in port order. */
    public static List<BoardResult> run(List<String> ports, BoardJob job, BoardListener listener)
            throws InterruptedException {
        return start(ports, job, listener).await();
    }

    private void launch() {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i);
            Board board = new Board(i, port, listener, this);
            Integer first = seen.putIfAbsent(PortNames.key(port), i);
            if (first != null) {
                finish(board, System.nanoTime(), "Port " + port + " is named more than once (also board "
                        + (first + 1) + (port.equals(ports.get(first)) ? "" : ", " + ports.get(first)) + "): each"
                        + " board is flashed once; remove the repeated --port.", false);
                continue;
            }
            Thread t = new Thread(() -> runBoard(board), "board-" + (i + 1) + "-" + port);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : List.copyOf(threads)) {
            t.start();
        }
    }

    private void runBoard(Board board) {
        long start = System.nanoTime();
        Board.setCurrent(board);
        try {
            if (cancelled()) {
                throw new InterruptedException("cancelled before it started");
            }
            job.run(board);
            finish(board, start, null, false);
        } catch (Throwable e) {
            finish(board, start, describe(e), cancelled());
        } finally {
            Board.setCurrent(null);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return e instanceof RuntimeException && !(e instanceof IllegalArgumentException)
                && !(e instanceof IllegalStateException) ? "Unexpected error: " + e : m;
    }

    private void finish(Board board, long start, String error, boolean wasCancelled) {
        BoardResult.Status status = error == null ? BoardResult.Status.SUCCEEDED
                : wasCancelled ? BoardResult.Status.CANCELLED : BoardResult.Status.FAILED;
        board.phase(status == BoardResult.Status.SUCCEEDED ? Phase.DONE : Phase.FAILED);
        BoardResult r = new BoardResult(board.index(), board.port(), board.chip(), board.mac(), board.files(),
                status, error, Duration.ofNanos(System.nanoTime() - start),
                status == BoardResult.Status.SUCCEEDED ? null : board.redoCommand());
        synchronized (results) {
            results[board.index()] = r;
        }
        try {
            listener.finished(r);
        } finally {
            done.countDown();
        }
    }

    /** Waits until every board is finished: one result per port, in port order. */
    public List<BoardResult> await() throws InterruptedException {
        done.await();
        return results();
    }

    /** Whether every board is finished. */
    public boolean finished() {
        return done.getCount() == 0;
    }

    /** The results so far, in port order (boards still running are left out). */
    public List<BoardResult> results() {
        List<BoardResult> out = new ArrayList<>();
        synchronized (results) {
            for (BoardResult r : results) {
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The ports, as given. */
    public List<String> ports() {
        return ports;
    }

    /**
     * Asks every board to stop: jobs see {@link Board#cancelled()} and their threads are interrupted. Boards stop
     * at their next step; a write in progress may be left half done (the result says so).
     */
    public void cancel() {
        cancelled.set(true);
        for (Thread t : List.copyOf(threads)) {
            t.interrupt();
        }
    }

    boolean cancelled() {
        return cancelled.get();
    }
}
