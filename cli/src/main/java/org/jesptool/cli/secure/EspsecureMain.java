package org.jesptool.cli.secure;

/** Entry point of {@code bin/espsecure}. */
public final class EspsecureMain {
    private EspsecureMain() {
    }

    public static void main(String[] args) {
        System.err.println("espsecure: not implemented yet");
        System.exit(2);
    }
}
