package org.vtrial.engine.trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.io.InputProblems;
import org.vtrial.engine.io.JsonTree;

/** Tells cohort, trial and calibration files apart by their members, for commands that take any. */
public final class InputFiles {

    /** What a file is. */
    public enum Kind {
        /** Has "cohort" or "arms": a trial. */
        TRIAL,
        /** Has "model" or "parameters" (and no trial members): a cohort. */
        COHORT,
        /** Has "trial" and "targets" (and no trial or cohort members): a calibration (docs/CALIBRATION.md). */
        CALIBRATION,
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
        if (root.get("trial") != null && root.get("targets") != null) {
            return Kind.CALIBRATION;
        }
        return Kind.UNKNOWN;
    }
}
