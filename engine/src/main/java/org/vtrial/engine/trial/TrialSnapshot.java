package org.vtrial.engine.trial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.sim.PatientKernelFactory;

/**
 * A trial as it travels to executors: the texts of the trial file and of its cohort file, plus the
 * command-line overrides — a few kilobytes, never patient data. An executor that has not seen the
 * snapshot yet re-creates both files in a private temporary folder, loads them (the driver already
 * validated them) and keeps the trial for the life of its JVM; each partition then builds its own
 * {@link TrialKernel}.
 *
 * @param trialText  the trial file's text
 * @param cohortText the cohort file's text
 * @param seed       seed override, or null
 * @param patients   patients-per-arm override, or null
 * @param rtol       relative-tolerance override, or null
 * @param method     integration-method override ({@code "dp54"}, {@code "tsit5"}, {@code "dp853"}), or null
 * @param digest     SHA-256 of the texts and overrides (identity of the run's inputs)
 */
public record TrialSnapshot(String trialText, String cohortText, Long seed, Long patients, Double rtol,
                            String method, String digest)
        implements PatientKernelFactory {

    private static final long serialVersionUID = 1L;

    private static final Map<String, TrialSpec> LOADED = new ConcurrentHashMap<>();

    /**
     * Loads and validates a trial file on the driver and captures it.
     *
     * @throws BadInputException listing every problem of the trial and its cohort, or of the overrides
     */
    public static TrialSnapshot capture(Path trialFile, Long seed, Long patients) throws BadInputException {
        return capture(trialFile, seed, patients, null);
    }

    /**
     * Loads and validates a trial file on the driver and captures it, with a relative tolerance that
     * replaces the trial's {@code rtol} (null: the trial's).
     *
     * @throws BadInputException listing every problem of the trial and its cohort, or of the overrides
     */
    public static TrialSnapshot capture(Path trialFile, Long seed, Long patients, Double rtol)
            throws BadInputException {
        return capture(trialFile, seed, patients, rtol, null);
    }

    /**
     * Loads and validates a trial file on the driver and captures it, with a relative tolerance and an
     * integration method that replace the trial's (null: the trial's).
     *
     * @param method {@code "dp54"}, {@code "tsit5"} or {@code "dp853"}, or null
     * @throws BadInputException listing every problem of the trial and its cohort, or of the overrides
     */
    public static TrialSnapshot capture(Path trialFile, Long seed, Long patients, Double rtol, String method)
            throws BadInputException {
        if (method != null) {
            OdeMethod.ofOption("--method", method);
        }
        final TrialSpec spec = TrialLoader.load(trialFile);
        final TrialSnapshot snapshot;
        try {
            final String trial = Files.readString(trialFile, StandardCharsets.UTF_8);
            final String cohort = Files.readString(spec.cohort().file(), StandardCharsets.UTF_8);
            snapshot = new TrialSnapshot(trial, cohort, seed, patients, rtol, method,
                    sha256(trial, cohort, seed, patients, rtol, method));
        } catch (IOException e) {
            throw new BadInputException(trialFile + ": cannot read: " + e.getMessage());
        }
        LOADED.put(snapshot.digest, overridden(spec, seed, patients, rtol, method));
        return snapshot;
    }

    /** @return the trial, loaded once per JVM */
    public TrialSpec trial() {
        return LOADED.computeIfAbsent(digest, d -> materialize());
    }

    @Override
    public PatientKernel create() {
        return TrialKernel.of(trial());
    }

    private TrialSpec materialize() {
        try {
            final Path dir = Files.createTempDirectory("vtrial-trial-");
            try {
                final JsonMapper mapper = JsonMapper.builder().build();
                final ObjectNode trial = (ObjectNode) mapper.readTree(trialText);
                trial.put("cohort", "cohort.json");
                trial.remove("$schema");
                Files.writeString(dir.resolve("cohort.json"), cohortText, StandardCharsets.UTF_8);
                final Path trialFile = dir.resolve("trial.json");
                Files.writeString(trialFile, mapper.writeValueAsString(trial), StandardCharsets.UTF_8);
                return overridden(TrialLoader.load(trialFile), seed, patients, rtol, method);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BadInputException e) {
            throw new IllegalStateException("a trial validated on the driver failed to load on an executor: "
                    + e.getMessage(), e);
        }
    }

    private static TrialSpec overridden(TrialSpec spec, Long seed, Long patients, Double rtol, String method)
            throws BadInputException {
        TrialSpec s = spec;
        if (rtol != null) {
            s = s.withRelativeTolerance(rtol);
        }
        if (method != null) {
            s = s.withMethod(OdeMethod.ofOption("--method", method));
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (patients != null) {
            s = s.withPatientsPerArm(patients);
        }
        return s;
    }

    /**
     * The overrides count only when given, so that a run without {@code --rtol} or {@code --method}
     * keeps its digest.
     */
    private static String sha256(String trial, String cohort, Long seed, Long patients, Double rtol, String method) {
        try {
            final MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(trial.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(cohort.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(String.valueOf(seed).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(String.valueOf(patients).getBytes(StandardCharsets.UTF_8));
            if (rtol != null) {
                md.update((byte) 0);
                md.update(("rtol=" + rtol).getBytes(StandardCharsets.UTF_8));
            }
            if (method != null) {
                md.update((byte) 0);
                md.update(("method=" + OdeMethod.of(method).id()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
