package org.jesptool.cli;

/** Entry point of {@code bin/espefuse}. espefuse is not implemented yet; this says so plainly. */
public final class EspefuseMain {
    private EspefuseMain() {
    }

    public static void main(String[] args) {
        String legacy = LegacyName.warning(System.getenv());
        if (legacy != null) {
            System.err.println("Warning: " + legacy);
        }
        System.err.println("espefuse: not implemented yet in JEsptool. The virtual device models eFuse words for "
                + "MAC, revision and security info, but the espefuse commands (summary, dump, burn-*) do not exist yet.");
        System.exit(2);
    }
}
