package org.vtrial.engine.io;

import java.nio.file.Path;

/**
 * Where a value was given: file, line, column and JSON path. Specs keep it so that checks made
 * after parsing (e.g. of a cohort against a trial's arms) still point at the right place.
 *
 * @param file   the file
 * @param line   1-based line (0 when unknown)
 * @param column 1-based column
 * @param path   JSON path, e.g. {@code $.parameters.rho}
 */
public record Origin(Path file, int line, int column, String path) {

    /** @return the origin of a node of a file */
    public static Origin of(Path file, JsonTree.Node node) {
        return new Origin(file, node.line(), node.column(), node.path());
    }

    /** @return {@code FILE:LINE:COLUMN: PATH: message}, as {@link InputProblems} formats problems */
    public String format(String message) {
        final StringBuilder sb = new StringBuilder(file.toString());
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        return sb.append(": ").append(path).append(": ").append(message).toString();
    }
}
