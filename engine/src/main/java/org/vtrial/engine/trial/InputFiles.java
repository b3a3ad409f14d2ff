package org.vtrial.engine.trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.io.InputProblems;
import org.vtrial.engine.io.JsonTree;

/** Tells cohort files from trial files by their members, for commands that take either. */
public final class InputFiles {

    /** What a file is. */
    public enum Kind {
        /** Has "cohort" or "arms": a trial. */
        TRIAL,
        /** Has "model" or "parameters" (and no trial members): a cohort. */
        COHORT,
        /** Neither, or not a readable JSON object. */
        UNKNOWN
    }

    private InputFiles() {
    }

    /**
     * @param problems receives the file's syntax problems when it cannot be read as JSON
     * @return the kind of {@code file}
     */
    public static Kind kindOf(Path file, List<String> problems) {
        final List<String> own = new ArrayList<>();
        final JsonTree.Node root = JsonTree.read(file, new InputProblems(file, own));
        if (root == null || root.kind() != JsonTree.Kind.OBJECT) {
            if (root == null) {
                problems.addAll(own);
            }
            return Kind.UNKNOWN;
        }
        if (root.get("cohort") != null || root.get("arms") != null) {
            return Kind.TRIAL;
        }
        if (root.get("model") != null || root.get("parameters") != null) {
            return Kind.COHORT;
        }
        return Kind.UNKNOWN;
    }
}
