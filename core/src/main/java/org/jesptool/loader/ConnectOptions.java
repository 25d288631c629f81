package org.jesptool.loader;

import java.util.function.Consumer;
import org.jesptool.command.Timeouts;
import org.jesptool.target.Chip;

/**
 * How to connect: port, expected chip, baud rate, reset behaviour, stub. Fluent setters; defaults match
 * esptool's (auto chip, 115200 baud, default-reset, 7 attempts, ROM mode unless a stub is given).
 */
public final class ConnectOptions {
    /** The defaults; see {@link #of(String)} for a port. */
    public ConnectOptions() {
    }

    String port;
    Chip chip;
    int baud = 115200;
    BeforeReset before = BeforeReset.DEFAULT_RESET;
    int connectAttempts = 7;
    StubImage stub;
    Consumer<String> trace;
    Consumer<String> messages = m -> { };
    Timeouts timeouts = Timeouts.defaults();
    String customResetSequence;
    String customHardResetSequence;
    Double resetDelaySeconds;
    Sleeper sleeper = Sleeper.REAL;

    /** Options for {@code port} with all defaults. */
    public static ConnectOptions of(String port) {
        return new ConnectOptions().port(port);
    }

    public ConnectOptions port(String port) {
        this.port = port;
        return this;
    }

    public String port() {
        return port;
    }

    /** The chip the user expects; null detects any chip. */
    public ConnectOptions chip(Chip chip) {
        this.chip = chip;
        return this;
    }

    /** Final baud rate; sync happens at min(baud, 115200) and CHANGE_BAUDRATE raises it afterwards. */
    public ConnectOptions baud(int baud) {
        this.baud = baud;
        return this;
    }

    public int baud() {
        return baud;
    }

    public ConnectOptions before(BeforeReset before) {
        this.before = before;
        return this;
    }

    public BeforeReset before() {
        return before;
    }

    /** Connect attempts (reset + up to 5 syncs each); 0 or less tries forever. */
    public ConnectOptions connectAttempts(int n) {
        this.connectAttempts = n;
        return this;
    }

    /** A flasher stub to upload after connecting; null stays with the ROM loader. */
    public ConnectOptions stub(StubImage stub) {
        this.stub = stub;
        return this;
    }

    public StubImage stub() {
        return stub;
    }

    /** Receives one line per frame sent/received; null disables tracing. */
    public ConnectOptions trace(Consumer<String> trace) {
        this.trace = trace;
        return this;
    }

    /** Receives progress messages ("Connecting...", notes). */
    public ConnectOptions messages(Consumer<String> messages) {
        this.messages = messages;
        return this;
    }

    public ConnectOptions timeouts(Timeouts t) {
        this.timeouts = t;
        return this;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /** A custom reset sequence (config key custom_reset_sequence) replacing the built-in strategies. */
    public ConnectOptions customResetSequence(String s) {
        this.customResetSequence = s;
        return this;
    }

    /** A custom sequence (config key custom_hard_reset_sequence) replacing the hard reset after the command. */
    public ConnectOptions customHardResetSequence(String s) {
        this.customHardResetSequence = s;
        return this;
    }

    /** Replaces both built-in reset delays (config key reset_delay). */
    public ConnectOptions resetDelay(Double seconds) {
        this.resetDelaySeconds = seconds;
        return this;
    }

    /** For tests: how waits happen. */
    public ConnectOptions sleeper(Sleeper s) {
        this.sleeper = s;
        return this;
    }
}
