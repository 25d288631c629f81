package org.jesptool.gui;

import java.io.IOException;
import java.util.function.Consumer;
import org.jesptool.monitor.doctor.Doctor;

/**
 * Connect-failure advice from the connection doctor: after a failed connect it examines the port (opens it,
 * tries esptool's reset strategies, listens to what the chip prints) and says, in plain words, what it found and
 * the next thing to try. It runs on the worker thread that saw the failure, never on the event thread.
 */
final class DoctorAdvisor implements Problems.ConnectAdvisor {
    /** How long the doctor listens after each reset. */
    private static final long LISTEN_MILLIS = 600;
    private final Consumer<String> log;

    /** {@code log} gets the doctor's steps and its full report (called from the worker thread). */
    DoctorAdvisor(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public String advice(String port, IOException failure) {
        log.accept("The connection doctor examines " + PortEntry.shortName(port) + "...");
        Doctor.Report r;
        try {
            r = new Doctor(step -> log.accept("  " + step), LISTEN_MILLIS).examine(port);
        } catch (RuntimeException e) {
            log.accept("The connection doctor could not examine the port: " + Problems.words(e));
            return null;
        }
        log.accept(Doctor.format(r).stripTrailing());
        return words(r);
    }

    /** The report for the window: problems first with their next steps, then what works. */
    static String words(Doctor.Report r) {
        StringBuilder s = new StringBuilder("The connection doctor checked the port:");
        int problems = 0;
        for (Doctor.Finding f : r.findings()) {
            if (f.problem()) {
                problems++;
                s.append("\n- ").append(sentence(f.what()));
                if (f.next() != null) {
                    s.append(" Next: ").append(sentence(f.next()));
                }
            }
        }
        if (r.command() != null) {
            s.append("\n- It connected with: ").append(r.command()).append(". Try again with these settings.");
        } else if (problems == 0) {
            for (Doctor.Finding f : r.findings()) {
                if (f.next() != null) {
                    s.append("\n- ").append(sentence(f.what())).append(" Next: ").append(sentence(f.next()));
                }
            }
            s.append("\n- Nothing answered yet: hold BOOT, press and release RESET (EN), release BOOT, then try"
                    + " again.");
        }
        return s.toString();
    }

    private static String sentence(String s) {
        String t = s.strip();
        return t.isEmpty() || t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
    }
}
