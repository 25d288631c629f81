package org.jesptool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rewrites the command line before parsing: {@code @file} expansion and v4 option spellings. */
public final class ArgExpander {
    /** Options v5 renamed (after underscores became hyphens). */
    static final Map<String, String> RENAMED = Map.of(
            "--ignore-flash-encryption-efuse-setting", "--ignore-flash-enc-efuse",
            "--fill-flash-size", "--pad-to-size",
            "--no-diff-verify", "--trust-flash-content");

    private ArgExpander() {
    }

    /** Replaces every {@code @FILE} argument by the shell-split words of FILE (recursively, up to 10 levels). */
    public static List<String> expandFiles(List<String> args, Path cwd) throws IOException {
        List<String> out = new ArrayList<>();
        expandFiles(args, cwd, 0, out, new int[1]);
        return out;
    }

    /**
     * More arguments or @file readings than these are refused: files that name each other many times over
     * would otherwise expand exponentially (ten levels of ten references are 10^10 readings).
     */
    static final int MAX_ARGUMENTS = 100_000;
    static final int MAX_FILE_READS = 1_000;

    private static void expandFiles(List<String> args, Path cwd, int depth, List<String> out, int[] reads)
            throws IOException {
        for (String a : args) {
            if (a.startsWith("@") && a.length() > 1) {
                if (depth > 10) {
                    throw new FatalError("Too many nested @file arguments (" + a + ").");
                }
                if (++reads[0] > MAX_FILE_READS) {
                    throw new FatalError("More than " + MAX_FILE_READS + " @file arguments to expand (" + a
                            + "): do the files name each other?");
                }
                Path p;
                try {
                    p = cwd.resolve(a.substring(1));
                } catch (java.nio.file.InvalidPathException e) {
                    throw new FatalError("Argument file " + a.substring(1) + " (from " + a + ") is not a valid path.");
                }
                String text;
                try {
                    text = Files.readString(p);
                } catch (NoSuchFileException e) {
                    throw new FatalError("Argument file " + a.substring(1) + " (from " + a + ") does not exist.");
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new FatalError("Argument file " + a.substring(1) + " (from " + a + ") is not UTF-8 text.");
                } catch (IOException e) {
                    throw new FatalError("Argument file " + a.substring(1) + " (from " + a + ") cannot be read: "
                            + e.getMessage());
                }
                List<String> words;
                try {
                    words = shellSplit(text);
                } catch (FatalError e) {
                    throw new FatalError(e.getMessage().replace("in argument file", "in argument file "
                            + a.substring(1)));
                }
                expandFiles(words, cwd, depth + 1, out, reads);
            } else {
                if (out.size() >= MAX_ARGUMENTS) {
                    throw new FatalError("The @file arguments expand to more than " + MAX_ARGUMENTS
                            + " arguments (do the files name each other?).");
                }
                out.add(a);
            }
        }
    }

    /** Splits like a POSIX shell: whitespace separates, quotes group, backslash escapes, # starts a comment. */
    static List<String> shellSplit(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else if (c == '#' && !inWord) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new FatalError("Unbalanced quote in argument file.");
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    /**
     * v4 option spellings: {@code --flash_size} becomes {@code --flash-size} (any long option with
     * underscores), then options v5 renamed. Returns the warnings to print.
     */
    static List<String> rewriteOptions(List<String> args, List<String> warnings) {
        List<String> out = new ArrayList<>();
        boolean afterDoubleDash = false;
        for (String a : args) {
            if (afterDoubleDash || !a.startsWith("--") || a.equals("--")) {
                afterDoubleDash |= a.equals("--");
                out.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            String rest = eq < 0 ? "" : a.substring(eq);
            String fixed = name.replace('_', '-');
            fixed = RENAMED.getOrDefault(fixed, fixed);
            if (!fixed.equals(name)) {
                warnings.add("Deprecated: option '" + name + "' is now '" + fixed + "'.");
            }
            out.add(fixed + rest);
        }
        return out;
    }
}
