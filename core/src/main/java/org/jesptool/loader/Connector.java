package org.jesptool.loader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jesptool.command.NoReplyException;
import org.jesptool.command.Timeouts;
import org.jesptool.command.UnsupportedCommandException;
import org.jesptool.command.internal.CommandChannel;
import org.jesptool.command.internal.Reply;
import org.jesptool.command.internal.SlipLink;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.transport.Transport;

/** Reset and sync (facts 2.6): brings the chip into its serial loader and gets it to answer. */
final class Connector {
    private static final Pattern BOOT_MODE = Pattern.compile("boot:0x([0-9a-fA-F]+)");
    private static final int SYNCS_PER_ATTEMPT = 5;

    private final CommandChannel ch;
    private final ConnectOptions o;
    private final ByteArrayOutputStream chipOutput = new ByteArrayOutputStream();
    private boolean stubDetected;

    Connector(CommandChannel ch, ConnectOptions o) {
        this.ch = ch;
        this.o = o;
    }

    /** Whether every SYNC reply had value 0, the mark of a flasher stub that is already running. */
    boolean stubDetected() {
        return stubDetected;
    }

    /** Everything the chip printed outside frames while connecting. */
    String chipOutput() {
        return SlipLink.printable(chipOutput.toByteArray());
    }

    void connect() throws IOException {
        SlipLink link = ch.link();
        Transport t = link.transport();
        BeforeReset before = o.before;
        if (before == BeforeReset.NO_RESET_NO_SYNC) {
            return;
        }
        if (!t.can(Transport.Capability.CONTROL_LINES)) {
            before = BeforeReset.NO_RESET;
        }
        List<ResetSequence> strategies = before == BeforeReset.NO_RESET ? List.of()
                : ResetSequence.defaultStrategies(t, o.customResetSequence, o.resetDelaySeconds,
                        before == BeforeReset.USB_RESET);
        o.messages.accept("Connecting...");
        boolean anyData = false;
        String bootMode = null;
        boolean downloadModeSeen = false;
        IOException last = null;
        List<String> tried = new ArrayList<>();
        for (int attempt = 0; o.connectAttempts <= 0 || attempt < o.connectAttempts; attempt++) {
            if (!strategies.isEmpty()) {
                ResetSequence s = strategies.get(attempt % strategies.size());
                tried.add(s.toString());
                link.discardInput();
                s.run(t, o.sleeper);
                if (t.controlLinesRefused() && !warnedLines) {
                    warnedLines = true;
                    o.messages.accept("Warning: the port does not support DTR/RTS, so the chip was NOT reset."
                            + " Put it into download mode by hand (hold BOOT, press RESET) if it does not answer.");
                }
            }
            try {
                if (syncAttempt()) {
                    return;
                }
            } finally {
                byte[] printed = link.takeNoise();
                chipOutput.writeBytes(printed);
                anyData |= printed.length > 0 || sawFrames;
                String text = new String(printed, StandardCharsets.ISO_8859_1);
                Matcher m = BOOT_MODE.matcher(text);
                while (m.find()) {
                    int next = text.indexOf("boot:0x", m.end());
                    String after = text.substring(m.end(), next < 0 ? text.length() : next);
                    if (after.contains("waiting for download")) {
                        downloadModeSeen = true;
                    } else {
                        bootMode = m.group(1);
                    }
                }
            }
        }
        throw failure(anyData, bootMode, downloadModeSeen, tried);
    }

    private boolean sawFrames;
    private boolean warnedLines;

    /** Up to 5 SYNCs; true when one is answered. */
    private boolean syncAttempt() throws IOException {
        SlipLink link = ch.link();
        long syncTimeout = Timeouts.millis(o.timeouts.syncTimeout());
        for (int i = 0; i < SYNCS_PER_ATTEMPT; i++) {
            link.collect(5);
            link.discardInput();
            try {
                Reply r = ch.command(Opcode.SYNC, Opcode.syncPayload(), 0, syncTimeout);
                sawFrames = true;
                boolean allZero = r.value() == 0;
                for (int k = 0; k < 7; k++) {
                    try {
                        allZero &= ch.awaitReply(Opcode.SYNC, 100).value() == 0;
                    } catch (NoReplyException e) {
                        break;
                    }
                }
                stubDetected = allZero;
                return true;
            } catch (NoReplyException | UnsupportedCommandException e) {
                o.sleeper.sleep(50);
            }
        }
        return false;
    }

    private ConnectException failure(boolean anyData, String bootMode, boolean downloadModeSeen, List<String> tried) {
        String printed = chipOutput();
        String attempts = o.connectAttempts + " connection attempt" + (o.connectAttempts == 1 ? "" : "s")
                + (tried.isEmpty() ? " without reset" : " (" + String.join(", ", tried.stream().distinct().toList()) + ")");
        if (bootMode != null && !downloadModeSeen) {
            org.jesptool.target.Chip named = o.chip != null ? o.chip : chipFromBanner(printed);
            String pin = named != null ? named.bootStrapPin() : "the boot strap pin (GPIO0, or GPIO9 on RISC-V chips)";
            return new ConnectException(ConnectException.Reason.WRONG_BOOT_MODE, "Failed to connect: wrong boot mode"
                    + " detected (0x" + bootMode + "). The chip booted its application instead of the serial loader:"
                    + " " + pin + " was high at reset. Hold the BOOT button while resetting, or check the DTR/RTS"
                    + " auto-reset wiring (try --before usb-reset for USB-Serial/JTAG ports).", printed);
        }
        if (downloadModeSeen) {
            return new ConnectException(ConnectException.Reason.NO_SYNC, "Failed to connect: the chip is waiting"
                    + " in download mode but never answered SYNC, so the serial path from this computer to the chip"
                    + " (TX) seems to be down. Check the TX wire and the baud rate.", printed);
        }
        if (!anyData) {
            return new ConnectException(ConnectException.Reason.NO_DATA, "Failed to connect after " + attempts
                    + ": no serial data received at all. Wrong port, no power, or TX/RX swapped? Check the port name"
                    + " and cable, and hold BOOT while resetting if the board has no auto-reset circuit.", printed);
        }
        return new ConnectException(ConnectException.Reason.GARBAGE, "Failed to connect after " + attempts
                + ": the device sent data but no valid reply. Is it an Espressif chip in download mode, at the right"
                + " baud rate? It printed: " + abbreviate(printed), printed);
    }

    /** The chip named in a ROM banner such as {@code ESP-ROM:esp32c3-api1-20210207}, or null. */
    static org.jesptool.target.Chip chipFromBanner(String printed) {
        Matcher m = Pattern.compile("ESP-ROM:(esp32[a-z0-9]*)").matcher(printed);
        if (m.find()) {
            return org.jesptool.target.Chips.byName(m.group(1)).orElse(null);
        }
        return org.jesptool.target.Chips.byLegacyBanner(printed).orElse(null);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    static byte[] readRegPayload(int address) {
        return Packet.words(address);
    }
}
