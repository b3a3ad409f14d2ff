package org.vtrial.engine.io;

import java.util.List;

/**
 * Bad input: carries every problem found (each naming the file, the field or JSON path, and where
 * possible the line and column), so that a user fixes them all in one pass. The command line maps
 * it to exit code 2.
 */
public final class BadInputException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one message per problem (not empty) */
    public BadInputException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** @param problem the single problem */
    public BadInputException(String problem) {
        this(List.of(problem));
    }

    /** @return the problems, one message each */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        final StringBuilder sb = new StringBuilder(problems.size() + " problems:");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }
}
