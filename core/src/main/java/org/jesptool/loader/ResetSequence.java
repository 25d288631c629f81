package org.jesptool.loader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jesptool.transport.Transport;

/**
 * A DTR/RTS sequence that resets the chip (facts 4). With the usual wiring RTS drives EN (reset) and DTR
 * drives the boot strap pin, both active low ({@code true} = asserted = pin low). Every RTS change is
 * followed by writing DTR again, as some USB-serial drivers only apply RTS on the next DTR write.
 */
public abstract class ResetSequence {
    private final String name;

    ResetSequence(String name) {
        this.name = name;
    }

    /** Runs the sequence. */
    public abstract void run(Transport t, Sleeper sleeper) throws IOException;

    @Override
    public String toString() {
        return name;
    }

    /** Line state kept so RTS writes can re-write DTR. */
    static final class Lines {
        private final Transport t;
        private boolean dtr;

        Lines(Transport t) {
            this.t = t;
        }

        void dtr(boolean v) throws IOException {
            dtr = v;
            t.setDtr(v);
        }

        void rts(boolean v) throws IOException {
            t.setRts(v);
            t.setDtr(dtr);
        }

        void both(boolean d, boolean r) throws IOException {
            dtr = d;
            t.setDtrRts(d, r);
        }
    }

    /** Classic reset: hold EN, set the strap, release EN, keep the strap for {@code delayMillis}, release it. */
    public static ResetSequence classic(long delayMillis) {
        return new ResetSequence("classic reset (" + delayMillis + " ms)") {
            @Override
            public void run(Transport t, Sleeper s) throws IOException {
                Lines l = new Lines(t);
                l.dtr(false);
                l.rts(true);
                s.sleep(100);
                l.dtr(true);
                l.rts(false);
                s.sleep(delayMillis);
                l.dtr(false);
            }
        };
    }

    /** The classic sequence with both lines changed atomically (TIOCMSET), for POSIX serial ports. */
    public static ResetSequence unixTight(long delayMillis) {
        return new ResetSequence("unix tight reset (" + delayMillis + " ms)") {
            @Override
            public void run(Transport t, Sleeper s) throws IOException {
                Lines l = new Lines(t);
                l.both(false, false);
                l.both(true, true);
                l.both(false, true);
                s.sleep(100);
                l.both(true, false);
                s.sleep(delayMillis);
                l.both(false, false);
                l.dtr(false);
            }
        };
    }

    /** The sequence for the USB-Serial/JTAG controller, whose "lines" are decoded by the chip itself. */
    public static ResetSequence usbJtagSerial() {
        return new ResetSequence("USB-Serial/JTAG reset") {
            @Override
            public void run(Transport t, Sleeper s) throws IOException {
                Lines l = new Lines(t);
                l.rts(false);
                l.dtr(false);
                s.sleep(100);
                l.dtr(true);
                l.rts(false);
                s.sleep(100);
                l.rts(true);
                l.dtr(false);
                l.rts(true);
                s.sleep(100);
                l.dtr(false);
                l.rts(false);
            }
        };
    }

    /** Hard reset into the application: pulse EN; the USB variant waits longer. */
    public static ResetSequence hard(boolean usb) {
        return new ResetSequence(usb ? "hard reset (USB)" : "hard reset") {
            @Override
            public void run(Transport t, Sleeper s) throws IOException {
                Lines l = new Lines(t);
                l.rts(true);
                s.sleep(usb ? 200 : 100);
                l.rts(false);
                if (usb) {
                    s.sleep(200);
                }
            }
        };
    }

    /**
     * A sequence from the config file: {@code |}-separated steps {@code D0}/{@code D1} (DTR),
     * {@code R0}/{@code R1} (RTS), {@code U<dtr>,<rts>} (both at once), {@code W<seconds>} (wait).
     *
     * @throws IllegalArgumentException on a malformed step
     */
    public static ResetSequence custom(String spec) {
        List<String> steps = new ArrayList<>();
        for (String raw : spec.split("\\|")) {
            String step = raw.trim();
            if (step.isEmpty()) {
                continue;
            }
            char c = Character.toUpperCase(step.charAt(0));
            String arg = step.substring(1).trim();
            boolean ok = switch (c) {
                case 'D', 'R' -> arg.equals("0") || arg.equals("1");
                case 'U' -> arg.matches("[01],[01]");
                case 'W' -> arg.matches("\\d+(\\.\\d*)?|\\.\\d+");
                default -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException("Invalid step '" + step + "' in custom reset sequence '" + spec
                        + "': use D0/D1, R0/R1, U<dtr>,<rts> or W<seconds>, separated by |");
            }
            steps.add(c + arg);
        }
        return new ResetSequence("custom reset sequence") {
            @Override
            public void run(Transport t, Sleeper s) throws IOException {
                Lines l = new Lines(t);
                for (String step : steps) {
                    String arg = step.substring(1);
                    switch (step.charAt(0)) {
                        case 'D' -> l.dtr(arg.equals("1"));
                        case 'R' -> l.rts(arg.equals("1"));
                        case 'U' -> l.both(arg.charAt(0) == '1', arg.charAt(2) == '1');
                        default -> s.sleep(Math.round(Double.parseDouble(arg) * 1000));
                    }
                }
            }
        };
    }

    /** The strategies {@code --before default-reset} cycles through (facts 4). */
    public static List<ResetSequence> defaultStrategies(Transport t, String customSequence, Double resetDelaySeconds,
            boolean usbReset) {
        if (customSequence != null && !customSequence.isBlank()) {
            return List.of(custom(customSequence));
        }
        boolean usbJtag = usbReset || t.info() != null && t.info().pid() == org.jesptool.transport.PortInfo.USB_SERIAL_JTAG_PID;
        if (usbJtag) {
            return List.of(usbJtagSerial());
        }
        long d1 = resetDelaySeconds == null ? 50 : Math.round(resetDelaySeconds * 1000);
        long d2 = resetDelaySeconds == null ? 550 : d1;
        boolean posix = !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (posix && t.can(Transport.Capability.LOCAL_CONTROL_LINES)) {
            return List.of(unixTight(d1), unixTight(d2), classic(d1), classic(d2));
        }
        return List.of(classic(d1), classic(d2));
    }
}
