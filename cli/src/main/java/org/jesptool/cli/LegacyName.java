package org.jesptool.cli;

import java.util.Map;

/**
 * The tools' old names ({@code esptool.py}, {@code espefuse.py}, {@code espsecure.py}): {@code bin/esptool.py} and
 * its siblings run the same programs with {@code JESPTOOL_PROG} set, and the programs say once that the name is
 * the old one, in esptool v5's words.
 */
public final class LegacyName {
    /** The environment variable the {@code .py} launchers set to the name they were called by. */
    public static final String VARIABLE = "JESPTOOL_PROG";

    private LegacyName() {
    }

    /** The deprecation line (without the "Warning: " prefix) when the tool was called by a .py name, else null. */
    public static String warning(Map<String, String> env) {
        String prog = env.get(VARIABLE);
        if (prog == null || !prog.endsWith(".py")) {
            return null;
        }
        String now = prog.substring(0, prog.length() - 3);
        return "DEPRECATED: '" + prog + "' is deprecated. Please use '" + now + "' instead. The '.py' suffix will be "
                + "removed in a future major release.";
    }
}
