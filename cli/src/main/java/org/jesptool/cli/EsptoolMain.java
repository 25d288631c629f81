package org.jesptool.cli;

/** Entry point of {@code bin/esptool}. */
public final class EsptoolMain {
    private EsptoolMain() {
    }

    public static void main(String[] args) {
        System.err.println("esptool: not implemented yet");
        System.exit(2);
    }
}
