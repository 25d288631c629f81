package org.jesptool.monitor.symbols;

/** Debug information that cannot be read (truncated or an unknown encoding). */
final class DwarfException extends RuntimeException {
    DwarfException(String message) {
        super(message);
    }
}
