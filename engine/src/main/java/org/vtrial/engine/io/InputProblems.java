package org.vtrial.engine.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one input file, each formatted as
 * {@code FILE:LINE:COLUMN: JSON.PATH: message}, so that one {@link BadInputException} can list
 * every violation of every file involved.
 */
public final class InputProblems {

    private final String file;
    private final List<String> problems;

    /**
     * @param file   the file the problems are about (shown as given)
     * @param shared list receiving the messages (several files may report into one list)
     */
    public InputProblems(Path file, List<String> shared) {
        this.file = file.toString();
        this.problems = shared;
    }

    /** A collector with its own list. */
    public InputProblems(Path file) {
        this(file, new ArrayList<>());
    }

    /** Reports a problem at a value. */
    public void add(JsonTree.Node at, String message) {
        add(at.line(), at.column(), at.path(), message);
    }

    /** Reports a problem at the key naming a value (unknown and misspelt fields). */
    public void addAtKey(JsonTree.Node at, String message) {
        if (at.keyLine() > 0) {
            add(at.keyLine(), at.keyColumn(), at.path(), message);
        } else {
            add(at, message);
        }
    }

    /**
     * Reports a problem at a position.
     *
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column
     * @param path   JSON path, or null when none applies (syntax errors)
     */
    public void add(int line, int column, String path, String message) {
        final StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (path != null) {
            sb.append(path).append(": ");
        }
        problems.add(sb.append(message).toString());
    }

    /** Reports a problem of the file as a whole (missing, unreadable, empty). */
    public void addFile(String message) {
        problems.add(file + ": " + message);
    }

    /** @return the messages so far */
    public List<String> list() {
        return problems;
    }

    /** @return true when nothing was reported */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** @throws BadInputException listing every problem, when there is any */
    public void throwIfAny() throws BadInputException {
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }
}
