package org.jesptool.cli.secure;

import java.nio.file.Path;
import java.util.List;

import org.jesptool.secure.EspsecureException;

import picocli.CommandLine.Model.CommandSpec;

/**
 * v4 let multi-value options run up to the data file ({@code --keyfile a.pem b.pem image.bin}); picocli
 * gives every word to the option. When the positional file is missing, the command line's last word is
 * taken back from whichever list swallowed it.
 */
final class Positional {
    private Positional() {
    }

    @SafeVarargs
    static Path takeTrailing(CommandSpec spec, Path positional, List<Path>... lists) {
        if (positional != null) {
            return positional;
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        String last = args.isEmpty() ? null : args.get(args.size() - 1);
        for (List<Path> list : lists) {
            if (list.size() > 1 && last != null && list.get(list.size() - 1).toString().equals(last)) {
                return list.remove(list.size() - 1);
            }
        }
        throw new EspsecureException("Missing the data file argument (" + spec.qualifiedName() + " --help shows usage).");
    }
}
