package org.jesptool.efuse;

import java.io.IOException;
import java.util.List;

/**
 * A burn that stopped after it began programming: the cause, and what each planned step left. A burn runs in
 * steps (one per block, from the highest id down; BLOCK0's protection and security fields in a step of their
 * own, last), so a lost link can stop it with some steps burned and others not.
 */
public final class BurnStopped extends IOException {
    private static final long serialVersionUID = 1L;

    /** What one step left on the chip. */
    public enum State {
        /** Burned and read back (or read-protected after the burn, so it cannot be read back). */
        BURNED,
        /** The step's burn command was sent, or may have been, before it stopped: its bits may or may not be set. */
        MAYBE_BURNED,
        /** Not burned: it stopped before this step's burn command. */
        NOT_BURNED
    }

    /**
     * One step of the burn: the bits it sets in one block (in block byte order) and the fields they belong to.
     *
     * @param block the block's id
     * @param name the block's name
     * @param bits the bits the step sets, in block byte order
     * @param fields the fields those bits belong to (the block's name alone for a block without fields)
     * @param state what the step left
     */
    public record Step(int block, String name, byte[] bits, List<String> fields, State state) {
        /** The bits the step sets (a copy). */
        @Override
        public byte[] bits() {
            return bits.clone();
        }

        /** One line of the report. */
        @Override
        public String toString() {
            String what = fields.isEmpty() || fields.equals(List.of(name)) ? name
                    : name + " (" + String.join(", ", fields) + ")";
            return what + ": " + switch (state) {
                case BURNED -> "burned";
                case MAYBE_BURNED -> "may be burned (it stopped while burning them: each bit is either as before or burned)";
                case NOT_BURNED -> "not burned";
            };
        }
    }

    private final transient List<Step> steps;

    /** A stop caused by {@code cause}, with what each step left. */
    public BurnStopped(Exception cause, List<Step> steps) {
        super(message(cause, steps), cause);
        this.steps = List.copyOf(steps);
    }

    /** Every step of the burn, in the order they run. */
    public List<Step> steps() {
        return steps;
    }

    private static String message(Exception cause, List<Step> steps) {
        StringBuilder s = new StringBuilder(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        s.append("\nThe burn stopped before it finished. eFuse state:");
        boolean left = false;
        for (Step st : steps) {
            s.append("\n  ").append(st);
            left |= st.state() != State.BURNED;
        }
        if (left) {
            s.append("\nRun 'espefuse summary' to see which eFuses are burned now, then burn the ones still missing.");
        }
        return s.toString();
    }
}
