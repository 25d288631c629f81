package org.jesptool.monitor.symbols;

/** Debug information that cannot be read (truncated or an unknown encoding). */
final class DwarfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DwarfException(String message) {
        super(message);
    }
}
