package org.jesptool.factory;

/**
 * A progress snapshot of one board.
 *
 * @param index the board's position in the port list (0-based)
 * @param port the port name
 * @param phase what the board is doing
 * @param done bytes of the job done so far (all files together; the current region when the total is unknown)
 * @param total bytes of the job (0 when unknown)
 * @param bytesPerSecond current rate of the running operation (0 when unknown)
 * @param detail what the current step works on, e.g. the file name, or a message; never null
 */
public record BoardProgress(int index, String port, Phase phase, long done, long total, double bytesPerSecond,
        String detail) {

    /** 0..100. */
    public int percent() {
        if (phase == Phase.DONE) {
            return 100;
        }
        return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }
}
