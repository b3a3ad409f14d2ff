package org.vtrial.engine.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.sampling.Marginal;

/**
 * Writes a calibrated cohort: the original cohort file with the fitted fields set to their calibrated
 * values and its provenance saying what was calibrated to what. Everything else of the file (other
 * parameters, sources, correlation, arm defaults) is kept as written. Each fitted parameter's
 * {@code source} gains a sentence naming the fitted fields, their starting values and bounds and the
 * figures fitted; {@code provenance.notes} gains a paragraph listing the figures, their published
 * values and uncertainty, the objective and whether the optimiser converged. Both are appended, and
 * replace what an earlier run of the same calibration appended, so calibrating again is idempotent.
 */
public final class CohortWriter {

    private CohortWriter() {
    }

    /** @return the calibrated cohort's JSON text */
    public static String text(Calibrator.Result result) throws IOException {
        final CalibrationSpec spec = result.spec();
        final Path original = spec.trial().cohort().file();
        final ObjectNode root = (ObjectNode) StrictJson.mapper().readTree(Files.readString(original, StandardCharsets.UTF_8));
        root.put("name", spec.cohortName());
        final ObjectNode params = (ObjectNode) root.get("parameters");
        final List<String> names = new ArrayList<>();
        for (Target t : spec.calibrated()) {
            names.add(t.name());
        }
        final String fitted = String.join(", ", names);

        // fields per parameter, in file order of the calibration
        final Map<String, List<Integer>> byParameter = new LinkedHashMap<>();
        for (int i = 0; i < spec.free().size(); i++) {
            byParameter.computeIfAbsent(spec.free().get(i).parameter(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> e : byParameter.entrySet()) {
            final ObjectNode p = (ObjectNode) params.get(e.getKey());
            final List<String> changes = new ArrayList<>();
            for (int i : e.getValue()) {
                final FreeValue f = spec.free().get(i);
                p.put(f.field(), result.values()[i]);
                changes.add(f.field() + " " + JsonPrinter.number(result.values()[i]) + " (start "
                        + Marginal.fmt(f.start()) + ", searched in [" + Marginal.fmt(f.lower()) + ", "
                        + Marginal.fmt(f.upper()) + "])");
            }
            final String source = withoutEarlier(p.has("source") ? p.get("source").asText() : "",
                    sourceMark(spec));
            p.put("source", source + (source.isEmpty() ? "" : " ") + sourceMark(spec)
                    + "see the provenance notes): " + String.join(", ", changes) + ", fitted to " + fitted + ".");
            // keep "source" last, as in hand-written files
            final JsonNode s = p.remove("source");
            p.set("source", s);
        }

        final ObjectNode provenance = (ObjectNode) root.get("provenance");
        final String notes = withoutEarlier(provenance.has("notes") ? provenance.get("notes").asText() : "",
                noteMark(spec));
        provenance.put("notes", notes + (notes.isEmpty() ? "" : " ") + calibrationNote(result));
        return JsonPrinter.print(root);
    }

    /** Writes the calibrated cohort to {@code file}. */
    public static void write(Calibrator.Result result, Path file) throws IOException {
        Files.writeString(file, text(result), StandardCharsets.UTF_8);
    }

    /**
     * @return the trial file's text with its cohort replaced by {@code cohortFile} (a path as it is to
     *         be written in the trial, e.g. {@code cohort.json} next to it)
     */
    public static String trialText(CalibrationSpec spec, String cohortFile) throws IOException {
        final ObjectNode root = (ObjectNode) StrictJson.mapper().readTree(
                Files.readString(spec.trial().file(), StandardCharsets.UTF_8));
        root.put("cohort", cohortFile);
        root.remove("$schema");
        return JsonPrinter.print(root);
    }

    private static String calibrationNote(Calibrator.Result r) {
        final CalibrationSpec spec = r.spec();
        final StringBuilder sb = new StringBuilder(noteMark(spec)).append(spec.file().getFileName())
                .append(", trial ").append(spec.trial().name()).append("): ");
        final List<String> fields = new ArrayList<>();
        for (FreeValue f : spec.free()) {
            fields.add(f.label());
        }
        sb.append(String.join(", ", fields)).append(" fitted to ").append(figures(spec, true))
                .append(String.format(Locale.ROOT, "; objective (sum of squared standardized deviations) %.3g after %d"
                        + " evaluations of %d simulated patients per arm, ", r.objective(), r.evaluations(), spec.patients()))
                .append(r.converged() ? "converged" : "NOT converged").append('.');
        final String checks = figures(spec, false);
        if (!checks.isEmpty()) {
            sb.append(" Not used in the fit (checks): ").append(checks).append('.');
        }
        return sb.toString();
    }

    /** @return how a parameter's calibration sentence starts */
    private static String sourceMark(CalibrationSpec spec) {
        return "Calibrated (calibration " + spec.name() + ", ";
    }

    /** @return how the calibration paragraph of the notes starts */
    private static String noteMark(CalibrationSpec spec) {
        return "Calibration '" + spec.name() + "' (";
    }

    /**
     * @return {@code text} without an earlier calibration's sentence or paragraph (from {@code mark} to
     *         the end, where this writer appends it), so that calibrating again replaces it
     */
    static String withoutEarlier(String text, String mark) {
        final int at = text.indexOf(mark);
        return at < 0 ? text : text.substring(0, at).stripTrailing();
    }

    /** @return the calibrate (or check) targets as "name = value (n N | se S)", joined */
    private static String figures(CalibrationSpec spec, boolean calibrate) {
        final List<String> out = new ArrayList<>();
        for (Target t : spec.targets()) {
            if (t.calibrate() == calibrate) {
                out.add(t.name() + " " + Marginal.fmt(t.value()) + " (" + t.statistic().describe() + ", "
                        + (Double.isNaN(t.n()) ? "se " + Marginal.fmt(t.se()) : "n " + Marginal.fmt(t.n())) + "; "
                        + t.source() + ")");
            }
        }
        return String.join("; ", out);
    }
}
