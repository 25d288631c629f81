package org.jesptool.gui;

import java.io.IOException;
import org.jesptool.loader.ConnectException;
import org.jesptool.transport.PortException;

/**
 * Failures in words: what went wrong and what to do. Never a stack trace. Connection failures ask the
 * {@link ConnectAdvisor} (the place where a connection doctor plugs in).
 */
final class Problems {
    /** Explains a failed connection; replace to give richer advice (e.g. a doctor that probes the port). */
    @FunctionalInterface
    interface ConnectAdvisor {
        /** Advice for {@code failure} on {@code port}, in sentences; null or empty for none beyond the message. */
        String advice(String port, IOException failure);

        /** The advice the connect error itself gives (its message says what to check). */
        ConnectAdvisor FROM_ERROR = (port, failure) -> null;
    }

    private static volatile ConnectAdvisor advisor = ConnectAdvisor.FROM_ERROR;

    private Problems() {
    }

    static void advisor(ConnectAdvisor a) {
        advisor = a == null ? ConnectAdvisor.FROM_ERROR : a;
    }

    /** A connection failure: the headline and the advice. */
    static String connectFailure(String port, IOException e) {
        StringBuilder s = new StringBuilder();
        if (e instanceof PortException pe) {
            s.append(portProblem(port, pe));
        } else if (e instanceof ConnectException ce) {
            s.append("Could not talk to the board on ").append(port).append(".\n").append(ce.getMessage());
            if (!ce.chipOutput().isBlank() && !ce.getMessage().contains(ce.chipOutput())) {
                s.append("\nThe board printed: ").append(abbreviate(ce.chipOutput()));
            }
        } else {
            s.append("Could not connect on ").append(port).append(": ").append(words(e));
        }
        String more = advisor.advice(port, e);
        if (more != null && !more.isBlank()) {
            s.append('\n').append(more);
        }
        return s.toString();
    }

    private static String portProblem(String port, PortException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> port + " is not there: the board may be unplugged. Plug it in and pick it from the list"
                    + " (it appears by itself).";
            case BUSY -> port + " is in use by another program (a serial monitor, the Arduino IDE, another flasher)."
                    + " Close that program and try again.";
            case PERMISSION -> "This user may not open " + port + ". On Linux, add yourself to the 'dialout' group"
                    + " (sudo usermod -aG dialout $USER), then log out and in again.";
            default -> "Cannot open " + port + ": " + e.getMessage();
        };
    }

    /** Any failure in words (the exception's message, which in JEsptool says what to do). */
    static String words(Throwable e) {
        String m = e.getMessage();
        if (e instanceof PortException pe) {
            return portProblem("The port", pe) + (m == null ? "" : " (" + m + ")");
        }
        if (m == null || m.isBlank()) {
            return "Unexpected problem (" + e.getClass().getSimpleName() + "). Try again; if it keeps happening,"
                    + " please report it with the log.";
        }
        if (!(e instanceof IOException)) {
            return "Unexpected problem: " + m + ". Try again; if it keeps happening, please report it with the log.";
        }
        return forWindow(m);
    }

    /**
     * A library message as the window says it: the command line's "--force" escape is not offered here (the
     * window never writes an image for another chip or revision).
     */
    static String forWindow(String message) {
        return message.replace(" Use --force to flash anyway.", "").replace("use the flasher stub or drop --compress",
                "set Compression to automatic").replace(": drop --compress", ": set Compression to automatic");
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
