package org.jesptool.factory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes a factory record: one entry per board (port, chip, MAC, files with their MD5s, result, error, time,
 * redo command), as JSON ({@code .json}) or CSV ({@code .csv}, one line per board, files joined with
 * {@code ;}). The file is written to a temporary file next to it and moved in place, so it is never half
 * written.
 */
public final class BoardReport {
    private BoardReport() {
    }

    /** Writes {@code results} to {@code file}, JSON or CSV by the file's extension (JSON when neither). */
    public static void write(Path file, List<BoardResult> results) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = name.endsWith(".csv") ? csv(results) : json(results);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The results as a JSON document: {@code {"boards": [...], "succeeded": N, "failed": N}}. */
    public static String json(List<BoardResult> results) {
        StringBuilder sb = new StringBuilder("{\n  \"boards\": [");
        for (int i = 0; i < results.size(); i++) {
            BoardResult r = results.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {");
            sb.append("\"port\": ").append(str(r.port()));
            sb.append(", \"chip\": ").append(str(r.chip()));
            sb.append(", \"mac\": ").append(str(r.mac()));
            sb.append(", \"result\": ").append(str(r.status().name().toLowerCase(Locale.ROOT)));
            sb.append(", \"seconds\": ").append(String.format(Locale.ROOT, "%.3f", r.elapsed().toNanos() / 1e9));
            sb.append(", \"error\": ").append(str(r.error()));
            sb.append(", \"redo\": ").append(str(r.redoCommand()));
            sb.append(", \"files\": [");
            for (int j = 0; j < r.files().size(); j++) {
                FlashedFile f = r.files().get(j);
                sb.append(j == 0 ? "" : ", ").append("{\"name\": ").append(str(f.name()))
                        .append(", \"address\": ").append(str(String.format("0x%x", f.address())))
                        .append(", \"size\": ").append(f.size())
                        .append(", \"md5\": ").append(str(f.md5()))
                        .append(", \"verified\": ").append(f.verified()).append('}');
            }
            sb.append("]}");
        }
        long ok = results.stream().filter(BoardResult::succeeded).count();
        sb.append("\n  ],\n  \"succeeded\": ").append(ok).append(",\n  \"failed\": ").append(results.size() - ok)
                .append("\n}\n");
        return sb.toString();
    }

    /** The results as CSV with a header line. */
    public static String csv(List<BoardResult> results) {
        StringBuilder sb = new StringBuilder("port,chip,mac,result,seconds,files,error,redo\n");
        for (BoardResult r : results) {
            StringBuilder files = new StringBuilder();
            for (FlashedFile f : r.files()) {
                if (files.length() > 0) {
                    files.append(';');
                }
                files.append(String.format("0x%x %s md5=%s%s", f.address(), f.name(), f.md5(),
                        f.verified() ? "" : " unverified"));
            }
            sb.append(cell(r.port())).append(',').append(cell(r.chip())).append(',').append(cell(r.mac()))
                    .append(',').append(r.status().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.elapsed().toNanos() / 1e9)).append(',')
                    .append(cell(files.toString())).append(',').append(cell(r.error())).append(',')
                    .append(cell(r.redoCommand())).append('\n');
        }
        return sb.toString();
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        s = s.replace("\r", "").replace("\n  ", " / ").replace("\n", " / "); // one line per board
        return s.matches("[^,\"\\r\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
