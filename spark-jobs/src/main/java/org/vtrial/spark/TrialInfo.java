package org.vtrial.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.StrictJson;

/**
 * What the summaries take from a run's {@code manifest.json}: {@code reference_arm}, {@code arms}
 * (in trial order), {@code horizon_days} and {@code common_random_numbers}. Each is optional; a field that is present must be
 * well-formed.
 *
 * @param referenceArm reference arm, or null when the manifest has none
 * @param arms         arms in trial order, or null
 * @param horizonDays  simulated horizon (days), or NaN
 * @param commonRandomNumbers whether arms share their patients' random numbers ({@code common_random_numbers};
 *                     true when absent, the trial default)
 * @param found        whether manifest.json exists
 */
record TrialInfo(String referenceArm, List<String> arms, double horizonDays, boolean commonRandomNumbers,
                 boolean found) {

    static TrialInfo read(Configuration conf, String runDir) throws IOException, BadInputException {
        final Path path = new Path(runDir, "manifest.json");
        final FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            return new TrialInfo(null, null, Double.NaN, true, false);
        }
        final JsonNode root;
        try (InputStream in = fs.open(path)) {
            root = StrictJson.mapper().readTree(in);
        } catch (JsonProcessingException e) {
            throw new BadInputException(path + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        }
        final List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new BadInputException(path + ": expected a JSON object");
        }
        String reference = null;
        final JsonNode ref = root.get("reference_arm");
        if (ref != null && !ref.isNull()) {
            if (ref.isTextual() && !ref.asText().isEmpty()) {
                reference = ref.asText();
            } else {
                problems.add(path + ": field reference_arm must be a non-empty string, got " + ref);
            }
        }
        List<String> arms = null;
        final JsonNode a = root.get("arms");
        if (a != null && !a.isNull()) {
            arms = new ArrayList<>();
            if (!a.isArray() || a.isEmpty()) {
                problems.add(path + ": field arms must be a non-empty array of arm names, got " + a);
            } else {
                for (int i = 0; i < a.size(); i++) {
                    final JsonNode arm = armName(a.get(i));
                    if (arm == null) {
                        problems.add(path + ": arms[" + i + "] must be an arm name (a string or an object with "
                                + "a string field name), got " + a.get(i));
                    } else if (arms.contains(arm.asText())) {
                        problems.add(path + ": arms[" + i + "] repeats arm " + arm.asText());
                    } else {
                        arms.add(arm.asText());
                    }
                }
            }
        }
        double horizon = Double.NaN;
        final JsonNode h = root.get("horizon_days");
        if (h != null && !h.isNull()) {
            if (h.isNumber() && h.asDouble() > 0 && Double.isFinite(h.asDouble())) {
                horizon = h.asDouble();
            } else {
                problems.add(path + ": field horizon_days must be a positive number of days, got " + h);
            }
        }
        boolean crn = true;
        final JsonNode c = root.get("common_random_numbers");
        if (c != null && !c.isNull()) {
            if (c.isBoolean()) {
                crn = c.asBoolean();
            } else {
                problems.add(path + ": field common_random_numbers must be true or false, got " + c);
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new TrialInfo(reference, arms == null ? null : List.copyOf(arms), horizon, crn, true);
    }

    /** An arm is listed by name, or as an object carrying its name. */
    private static JsonNode armName(JsonNode n) {
        if (n.isTextual() && !n.asText().isEmpty()) {
            return n;
        }
        if (n.isObject() && n.get("name") != null && n.get("name").isTextual()) {
            return n.get("name");
        }
        return null;
    }
}
