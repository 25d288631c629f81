package org.jesptool.virtual;

/** Entry point of {@code bin/esp-virtual}: the virtual device as a TCP server. */
public final class EspVirtualMain {
    private EspVirtualMain() {
    }

    public static void main(String[] args) {
        System.err.println("esp-virtual: not implemented yet");
        System.exit(2);
    }
}
