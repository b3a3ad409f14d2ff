package org.vtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.GridObserver;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.sim.PatientKernelFactory;
import org.vtrial.engine.sim.SolveStatus;
import org.vtrial.engine.trial.TrialSnapshot;
import org.vtrial.engine.trial.TrialSpec;
import org.vtrial.spark.Sessions;
import org.vtrial.spark.SimulateJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code vtrial bench}: end-to-end throughput of the simulation job. Runs one trial (by default the
 * quickstart) at several cohort sizes through the real {@link SimulateJob} on an embedded Spark
 * (default {@code local[2]}), each run written into a temporary folder and deleted afterwards, and
 * prints one table row per size: wall time, patients per second, the solver's share (the job's
 * solver-nanoseconds accumulator, summed over tasks), the rest (Spark, sampling, rows, Parquet:
 * {@code wall - solver / parallelism}), and the JVM's heap (peak used, sampled every 20 ms, and
 * the largest heap in use after a garbage collection, the live set's upper bound).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure end-to-end throughput: simulate a trial at several cohort sizes on an",
            "embedded Spark, in a temporary folder deleted afterwards, and print a table of wall time,",
            "patients/s, solver vs Spark+Parquet time and heap."})
public final class BenchCommand implements Callable<Integer> {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TRIAL.json", defaultValue = "conf/quickstart.json",
            description = "trial file (default: ${DEFAULT-VALUE})")
    Path trialFile;

    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "10000,100000,1000000",
            description = "total patients of each run, all arms together (default: ${DEFAULT-VALUE}); a size "
                    + "given several times is run that often and compared by its median run (on a shared machine "
                    + "alternate them: 10000,100000,10000,100000,...)")
    List<Long> sizes;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "partitions per run (default: the job's plan)")
    Integer partitions;

    @Option(names = "--partition-seconds", paramLabel = "S", defaultValue = "4.0",
            description = "work per partition when --partitions is not given (default ${DEFAULT-VALUE} s)")
    double partitionSeconds;

    @Option(names = "--rtol", paramLabel = "TOL",
            description = "override the trial's relative tolerance (default: the trial's rtol, else 1e-6)")
    Double rtol;

    @Option(names = "--method", paramLabel = "M", split = ",",
            description = "override the trial's integration method: dp54, tsit5 or dp853 (default: the trial's); "
                    + "several (dp54,tsit5) are run in turn at every size, in this one JVM, and compared by their "
                    + "median runs")
    List<String> methods;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "4000",
            description = "patients of each unreported warm-up run (default ${DEFAULT-VALUE}; 0: none)")
    long warmup;

    // Spark compiles its per-job code paths (query planning, the writer, the commit) one job at a time: a
    // single warm-up job left the first measured 10^4-patient run with ~2 s of JIT and collector CPU on
    // 2 cores (0.9 s more than the next runs, 2026-11-27); three jobs of 4,000 patients cost ~4 s.
    @Option(names = "--warmup-runs", paramLabel = "K", defaultValue = "3",
            description = "unreported warm-up runs of --warmup patients before the measured ones (default ${DEFAULT-VALUE})")
    int warmupRuns;

    @Option(names = "--stop-after", paramLabel = "S",
            description = "cancel a run after S seconds of wall time and report the patients written so far "
                    + "(a partial run, e.g. to watch the heap of a very large cohort)")
    Double stopAfter;

    @Option(names = "--rows-only",
            description = "replace each solve by a copy of one of 64 solved patients' rows: measures rows, Spark "
                    + "and Parquet alone (the job, the columns and the writer are the real ones)")
    boolean rowsOnly;

    @Option(names = "--profile", paramLabel = "FILE.jfr",
            description = "record the measured runs with the JDK Flight Recorder (its 'profile' settings) into "
                    + "FILE.jfr and print where the CPU time went: shares by role (integrator, model, endpoints, "
                    + "sampling, Spark, Parquet...) and the hottest methods. Samples this JVM only: the tasks of an "
                    + "embedded Spark (local[N]), not those of remote executors")
    Path profile;

    @Option(names = "--json", paramLabel = "FILE.json",
            description = "also write the measurements as JSON (machine, JVM, trial, one object per run with the "
                    + "table's columns), for tracking figures across versions and machines")
    Path json;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "parent of the temporary run folders (default: the system's temporary folder)")
    Path workDir;

    /** One measured run, of the integration method {@code method} (its id). */
    record Row(String method, long patients, boolean partial, int partitions, double wallSeconds,
               double solverSeconds, double cpuSeconds, double jitSeconds, double gcSeconds, int parallelism,
               long peakHeapBytes, long liveHeapBytes) {

        double patientsPerSecond() {
            return patients / wallSeconds;
        }

        /** @return wall seconds not spent in the solver: {@code wall - solver / parallelism} */
        double restSeconds() {
            return wallSeconds - solverSeconds / parallelism;
        }

        /** @return machine time per patient, microseconds: {@code wall * parallelism / patients} */
        double microsPerPatient() {
            return wallSeconds * parallelism * 1e6 / patients;
        }

        /** @return CPU time of the JVM per patient, microseconds (all threads: tasks, driver, GC, JIT) */
        double cpuMicrosPerPatient() {
            return cpuSeconds * 1e6 / patients;
        }
    }

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        validate();
        // the methods of the runs, in turn at every size (null: the trial's own)
        final List<String> runMethods = methods == null ? java.util.Collections.singletonList(null) : methods;
        final TrialSpec trial = TrialSnapshot.capture(trialFile, null, null, rtol, runMethods.get(0)).trial();
        final String methodIds = methods == null ? trial.method().id() : methods.stream()
                .map(m -> OdeMethod.of(m).id()).collect(java.util.stream.Collectors.joining(" vs "));
        final String title = String.format(Locale.ROOT, "%s, %s, rtol %.0e", trial.name(), methodIds,
                trial.relativeTolerance());
        final int arms = trial.arms().size();
        final SparkSession spark = Sessions.get(master);
        final int parallelism = spark.sparkContext().defaultParallelism();
        final Path parent = workDir != null ? Files.createDirectories(workDir) : Path.of(System.getProperty("java.io.tmpdir"));
        final Path dir = Files.createTempDirectory(parent, "vtrial-bench-");
        final RecordsWritten written = new RecordsWritten();
        spark.sparkContext().addSparkListener(written);
        final HeapWatch heap = new HeapWatch();
        final List<Row> rows = new ArrayList<>();
        Recording recording = null;
        try {
            err.printf(Locale.ROOT, "bench: %s on %s (parallelism %d), %d arms, JVM max heap %d MB, %d processors, "
                            + "load average %.1f, runs under %s%n", title, spark.sparkContext().master(),
                    parallelism, arms, Runtime.getRuntime().maxMemory() >> 20, OS.getAvailableProcessors(),
                    OS.getSystemLoadAverage(), dir);
            if (warmup > 0 && warmupRuns > 0) {
                err.printf(Locale.ROOT, "bench: %d warm-up run%s of %,d patients (not reported)%n", warmupRuns,
                        warmupRuns == 1 ? "" : "s", warmup);
                err.flush();
                for (int i = 0; i < warmupRuns; i++) {
                    for (String m : runMethods) { // every method's code warms up
                        run(spark, dir, "warmup" + i, m, perArm(warmup, arms), arms, parallelism, written, heap, null);
                    }
                }
            }
            if (profile != null) {
                recording = new Recording(Configuration.getConfiguration("profile"));
                recording.start();
            }
            for (long size : sizes) {
                for (String m : runMethods) {
                    err.printf(Locale.ROOT, "bench: %,d patients%s...%n", perArm(size, arms) * arms,
                            m == null ? "" : ", " + OdeMethod.of(m).id());
                    err.flush();
                    final Row row = run(spark, dir, "n" + size, m, perArm(size, arms), arms, parallelism, written,
                            heap, stopAfter);
                    rows.add(row);
                    err.printf(Locale.ROOT, "bench: %s (load average %.1f)%n", format(row), OS.getSystemLoadAverage());
                    err.flush();
                }
            }
            if (recording != null) {
                recording.stop();
                recording.dump(profile);
            }
        } finally {
            if (recording != null) {
                recording.close();
            }
            spark.sparkContext().removeSparkListener(written);
            heap.close();
            deleteTree(dir);
        }
        out.print(table(title + (rowsOnly ? " (--rows-only: rows, Spark and Parquet, no solving)" : ""),
                spark.sparkContext().master(), rows));
        if (profile != null) {
            out.print(ProfileSummary.of(profile, 15));
        }
        if (json != null) {
            final ObjectNode figures = toJson(trial.name(), trial.relativeTolerance(), rows.get(0).method(),
                    spark.sparkContext().master(), parallelism, rows);
            final ObjectNode warm = figures.putObject("warmup"); // how warm the JVM was: part of the figures
            warm.put("runs", warmup > 0 ? warmupRuns : 0);
            warm.put("patients_per_run", warmup > 0 && warmupRuns > 0 ? perArm(warmup, arms) * arms : 0);
            Files.writeString(json, StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures)
                    + "\n");
        }
        out.flush();
        return 0;
    }

    private void validate() throws BadInputException {
        if (sizes == null || sizes.isEmpty()) {
            throw new BadInputException("--sizes: give at least one cohort size");
        }
        for (Long s : sizes) {
            if (s == null || s <= 0) {
                throw new BadInputException("--sizes: every size must be positive, got " + s);
            }
        }
        if (partitions != null && partitions <= 0) {
            throw new BadInputException("--partitions: must be positive, got " + partitions);
        }
        if (!(partitionSeconds > 0)) {
            throw new BadInputException("--partition-seconds: must be positive, got " + partitionSeconds);
        }
        if (warmup < 0) {
            throw new BadInputException("--warmup: must be 0 or positive, got " + warmup);
        }
        if (warmupRuns < 0) {
            throw new BadInputException("--warmup-runs: must be 0 or positive, got " + warmupRuns);
        }
        requireFolder("--json", json);
        requireFolder("--profile", profile);
        if (stopAfter != null && !(stopAfter > 0)) {
            throw new BadInputException("--stop-after: must be positive, got " + stopAfter);
        }
        if (methods != null) {
            final java.util.Set<OdeMethod> seen = java.util.EnumSet.noneOf(OdeMethod.class);
            for (String m : methods) {
                if (!seen.add(OdeMethod.ofOption("--method", m))) {
                    throw new BadInputException("--method: " + m + " is given twice");
                }
            }
        }
    }

    /** An output file option, when given, must name a file in an existing folder: checked before any run. */
    static void requireFolder(String option, Path file) throws BadInputException {
        if (file == null) {
            return;
        }
        final Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadInputException(option + ": the folder of " + file + " does not exist");
        }
    }

    /** @return patients per arm for a total of {@code size} (rounded up to a multiple of the arms) */
    static long perArm(long size, int arms) {
        return (size + arms - 1) / arms;
    }

    private Row run(SparkSession spark, Path dir, String name, String method, long perArm, int arms,
                    int parallelism, RecordsWritten written, HeapWatch heap, Double cancelAfter) throws Exception {
        final TrialSnapshot snapshot = TrialSnapshot.capture(trialFile, null, perArm, rtol, method);
        final TrialSpec trial = snapshot.trial();
        final Path out = dir.resolve(name);
        final SimulateJob.Options options = SimulateJob.Options.to(out.toString())
                .withPartitions(partitions)
                .withPartitionSeconds(partitionSeconds)
                .withTrajectories(0, 1.0);
        System.gc();
        heap.reset();
        written.reset();
        final Timer timer = cancelAfter == null ? null : new Timer("bench-stop", true);
        if (timer != null) {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    spark.sparkContext().cancelAllJobs();
                }
            }, (long) (cancelAfter * 1000));
        }
        final long t0 = System.nanoTime();
        final long cpu0 = OS.getProcessCpuTime();
        final double jit0 = JvmWork.jitSeconds();
        final double gc0 = JvmWork.gcSeconds();
        try {
            final SimulateJob.Result r = SimulateJob.run(spark, rowsOnly ? new ReplayedRows(snapshot) : snapshot,
                    options,
                    SimulateCommand.manifest(trialFile, snapshot, trial));
            final double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
            return new Row(trial.method().id(), r.patients(), false, r.partitions(), r.wallSeconds(), r.solverSeconds(), cpu,
                    JvmWork.jitSeconds() - jit0, JvmWork.gcSeconds() - gc0, parallelism, heap.peak(), heap.live());
        } catch (Exception e) {
            if (timer == null) {
                throw e;
            }
            // cancelled: the patients the finished tasks wrote, the solver time they reported
            final double wall = (System.nanoTime() - t0) / 1e9;
            final double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
            return new Row(trial.method().id(), written.records(), true, -1, wall, written.solverSeconds(), cpu,
                    JvmWork.jitSeconds() - jit0, JvmWork.gcSeconds() - gc0, parallelism, heap.peak(), heap.live());
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            deleteTree(out);
        }
    }

    /** @return the runs and what they ran on, with the table's columns under explicit names and units */
    static ObjectNode toJson(String trial, double rtol, String method, String master, int parallelism, List<Row> rows) {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("trial", trial);
        root.put("rtol", rtol);
        root.put("method", method);
        final ArrayNode methodList = root.putArray("methods");
        rows.stream().map(Row::method).distinct().forEach(methodList::add);
        root.put("master", master);
        root.put("parallelism", parallelism);
        root.put("date", Instant.now().toString());
        final ObjectNode machine = root.putObject("machine");
        machine.put("processors", OS.getAvailableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("load_average", OS.getSystemLoadAverage());
        final ArrayNode runs = root.putArray("runs");
        for (Row r : rows) {
            final ObjectNode o = runs.addObject();
            o.put("method", r.method());
            o.put("patients", r.patients());
            o.put("partial", r.partial());
            if (r.partitions() >= 0) {
                o.put("partitions", r.partitions());
            }
            o.put("wall_seconds", r.wallSeconds());
            o.put("patients_per_second", r.patientsPerSecond());
            o.put("machine_us_per_patient", r.microsPerPatient());
            o.put("solver_seconds_over_tasks", r.solverSeconds());
            o.put("rest_seconds", r.restSeconds());
            o.put("rest_share", r.restSeconds() / r.wallSeconds());
            o.put("jvm_cpu_seconds", r.cpuSeconds());
            o.put("jvm_cpu_us_per_patient", r.cpuMicrosPerPatient());
            if (r.jitSeconds() >= 0) {
                o.put("jit_compile_seconds", r.jitSeconds());
            }
            if (r.gcSeconds() >= 0) {
                o.put("gc_seconds", r.gcSeconds());
            }
            o.put("peak_heap_mb", r.peakHeapBytes() >> 20);
            o.put("live_heap_mb", r.liveHeapBytes() >> 20);
        }
        // the line through the runs of the first method ("method"), and with several methods each one's
        final List<String> methodIds = rows.stream().map(Row::method).distinct().toList();
        for (String id : methodIds) {
            final double[] fit = fixedAndMarginal(rows.stream().filter(r -> r.method().equals(id)).toList());
            if (fit == null) {
                continue;
            }
            final ObjectNode f = id.equals(methodIds.get(0)) ? root.putObject("wall_fit")
                    : root.with("wall_fit_by_method").putObject(id);
            f.put("fixed_seconds", fit[0]);
            f.put("marginal_wall_us_per_patient", fit[1] * 1e6);
            f.put("marginal_machine_us_per_patient", fit[1] * 1e6 * parallelism);
        }
        return root;
    }

    /** @return the median of {@code value} over {@code rows} (the mean of the middle two for an even count) */
    static double median(List<Row> rows, java.util.function.ToDoubleFunction<Row> value) {
        final double[] v = rows.stream().mapToDouble(value).sorted().toArray();
        final int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /**
     * The runs' wall time as a fixed cost per run plus a marginal cost per patient, {@code wall = a + b n},
     * by ordinary least squares over the complete runs: what a run of any size costs, and the part of the
     * per-patient figure of a small run that is its fixed cost.
     *
     * @return {@code {a seconds, b seconds per patient}}, or null with fewer than two distinct sizes
     */
    static double[] fixedAndMarginal(List<Row> rows) {
        final List<Row> complete = rows.stream().filter(r -> !r.partial()).toList();
        if (complete.stream().map(Row::patients).distinct().count() < 2) {
            return null;
        }
        double meanN = 0;
        double meanW = 0;
        for (Row r : complete) {
            meanN += (double) r.patients() / complete.size();
            meanW += r.wallSeconds() / complete.size();
        }
        double sxx = 0;
        double sxy = 0;
        for (Row r : complete) {
            final double dn = r.patients() - meanN;
            sxx += dn * dn;
            sxy += dn * (r.wallSeconds() - meanW);
        }
        final double b = sxy / sxx;
        return new double[] {meanW - b * meanN, b};
    }

    /** @return the processor's model name where the system tells it (Linux), else the architecture */
    private static String cpuModel() {
        final Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (Stream<String> lines = Files.lines(info)) {
                final var model = lines.filter(l -> l.startsWith("model name")).findFirst();
                if (model.isPresent()) {
                    return model.get().substring(model.get().indexOf(':') + 1).trim();
                }
            } catch (IOException | UncheckedIOException e) {
                // fall through to the architecture
            }
        }
        return System.getProperty("os.arch");
    }

    static String format(Row r) {
        return String.format(Locale.ROOT, "%,d patients%s in %.1f s: %,.0f patients/s, solver %.1f s over tasks, "
                        + "rest %.1f s (%.0f%% of wall), JVM CPU %.1f s (%.0f us/patient), JIT %s s, GC %s s, "
                        + "peak heap %d MB, after GC %d MB",
                r.patients(), r.partial() ? " (partial)" : "", r.wallSeconds(), r.patientsPerSecond(),
                r.solverSeconds(), r.restSeconds(), 100 * r.restSeconds() / r.wallSeconds(), r.cpuSeconds(),
                r.cpuMicrosPerPatient(), seconds(r.jitSeconds()), seconds(r.gcSeconds()), r.peakHeapBytes() >> 20,
                r.liveHeapBytes() >> 20);
    }

    /** @return {@code x} with one decimal, or "-" when the JVM does not measure it (negative) */
    private static String seconds(double x) {
        return x < 0 ? "-" : String.format(Locale.ROOT, "%.1f", x);
    }

    /**
     * @return the printed table, with the per-patient cost of the largest run relative to the smallest (per
     *         method), and with several methods a method column and each method's cost relative to the first's
     *         at every size
     */
    static String table(String trial, String master, List<Row> rows) {
        final List<String> methodIds = rows.stream().map(Row::method).distinct().toList();
        final boolean several = methodIds.size() > 1;
        final StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s on %s%n", trial, master));
        if (several) {
            s.append(String.format(Locale.ROOT, "%-6s ", "method"));
        }
        s.append(String.format(Locale.ROOT, "%12s %10s %8s %11s %10s %9s %13s %6s %8s %10s %6s %6s %9s %9s%n",
                "patients", "partitions", "wall s", "patients/s", "us/patient", "solver s", "spark+parquet", "share",
                "CPU s", "CPU us/pt", "JIT s", "GC s", "peak MB", "live MB"));
        for (Row r : rows) {
            if (several) {
                s.append(String.format(Locale.ROOT, "%-6s ", r.method()));
            }
            s.append(String.format(Locale.ROOT,
                    "%12s %10s %8.1f %11.0f %10.1f %9.1f %13.1f %5.1f%% %8.1f %10.1f %6s %6s %9d %9d%n",
                    String.format(Locale.ROOT, "%,d", r.patients()) + (r.partial() ? "*" : ""),
                    r.partitions() < 0 ? "-" : Integer.toString(r.partitions()), r.wallSeconds(),
                    r.patientsPerSecond(), r.microsPerPatient(), r.solverSeconds(), r.restSeconds(),
                    100 * r.restSeconds() / r.wallSeconds(), r.cpuSeconds(), r.cpuMicrosPerPatient(),
                    seconds(r.jitSeconds()), seconds(r.gcSeconds()), r.peakHeapBytes() >> 20, r.liveHeapBytes() >> 20));
        }
        s.append("us/patient = wall x parallelism / patients (machine time per patient); solver s = wall time inside\n"
                + "the solver summed over tasks; spark+parquet = wall - solver s / parallelism (Spark, sampling, rows,\n"
                + "Parquet, row-count check) and share = its part of wall; CPU s = CPU time of the whole JVM (tasks,\n"
                + "driver, GC, JIT) during the run; JIT s = time the JIT's compiler threads spent compiling, summed\n"
                + "over them (on as many cores as the tasks: a small run's solver time grows with it); GC s = time\n"
                + "in garbage collections as the JVM counts it (its pauses); peak MB = heap in use, sampled every\n"
                + "20 ms; live MB = largest heap in use right after a garbage collection.\n");
        if (rows.stream().anyMatch(Row::partial)) {
            s.append("* partial run: cancelled by --stop-after; patients written by the finished tasks.\n");
        }
        final List<Row> complete = rows.stream().filter(r -> !r.partial()).toList();
        for (String id : methodIds) {
            sizeComparison(s, several ? id + ": " : "", complete.stream().filter(r -> r.method().equals(id)).toList());
        }
        if (several) {
            methodComparison(s, methodIds, complete);
        }
        for (String id : methodIds) {
            final List<Row> own = rows.stream().filter(r -> r.method().equals(id)).toList();
            final double[] fit = fixedAndMarginal(own);
            if (fit != null) {
                final int parallelism = own.get(0).parallelism();
                s.append(String.format(Locale.ROOT, "%swall = %.2f s + %.1f us x patients (least squares over the "
                        + "complete runs): a fixed %.2f s per run, then %.1f us of machine time per patient (x %d "
                        + "cores)%n", several ? id + ": " : "", fit[0], fit[1] * 1e6, fit[0], fit[1] * 1e6 * parallelism,
                        parallelism));
            }
        }
        return s.toString();
    }

    /** The per-patient cost of the largest complete runs relative to the smallest ones, by medians. */
    private static void sizeComparison(StringBuilder s, String prefix, List<Row> complete) {
        final long smallest = complete.stream().mapToLong(Row::patients).min().orElse(0);
        final long largest = complete.stream().mapToLong(Row::patients).max().orElse(0);
        if (smallest >= largest) {
            return;
        }
        final List<Row> small = complete.stream().filter(r -> r.patients() == smallest).toList();
        final List<Row> large = complete.stream().filter(r -> r.patients() == largest).toList();
        s.append(String.format(Locale.ROOT, "%sper-patient cost, %,d vs %,d patients: %.2f (wall per patient)", prefix,
                largest, smallest, median(large, Row::microsPerPatient) / median(small, Row::microsPerPatient)));
        appendSolverRatio(s, large, small);
        if (small.size() > 1 || large.size() > 1) {
            // on a shared machine the host's speed moves between runs: repeated sizes give medians
            s.append(String.format(Locale.ROOT, "; medians of %d and %d runs", large.size(), small.size()));
        }
        s.append(String.format(Locale.ROOT, "%n"));
    }

    /**
     * At every size, each method's per-patient cost relative to the first method's, by the medians of their
     * complete runs: the methods ran in turn in one JVM, so the host's drift reaches them alike.
     */
    private static void methodComparison(StringBuilder s, List<String> methodIds, List<Row> complete) {
        final String base = methodIds.get(0);
        for (long size : complete.stream().map(Row::patients).distinct().toList()) {
            final List<Row> reference = complete.stream()
                    .filter(r -> r.patients() == size && r.method().equals(base)).toList();
            for (String id : methodIds.subList(1, methodIds.size())) {
                final List<Row> other = complete.stream()
                        .filter(r -> r.patients() == size && r.method().equals(id)).toList();
                if (reference.isEmpty() || other.isEmpty()) {
                    continue;
                }
                s.append(String.format(Locale.ROOT, "%,d patients, %s vs %s: %.2f (wall per patient)", size, id, base,
                        median(other, Row::microsPerPatient) / median(reference, Row::microsPerPatient)));
                appendSolverRatio(s, other, reference);
                s.append(String.format(Locale.ROOT, "; medians of %d and %d runs%n", other.size(), reference.size()));
            }
        }
    }

    private static void appendSolverRatio(StringBuilder s, List<Row> numerator, List<Row> denominator) {
        final double below = median(denominator, r -> r.solverSeconds() / r.patients());
        if (below > 0) {
            s.append(String.format(Locale.ROOT, ", %.2f (solver per patient)",
                    median(numerator, r -> r.solverSeconds() / r.patients()) / below));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * The trial's kernel with the solve replaced by a copy: each patient's row is that of one of the
     * first 64 patients (solved once per partition), so a run measures rows, Spark and Parquet alone.
     */
    static final class ReplayedRows implements PatientKernelFactory {
        private static final long serialVersionUID = 1L;
        private static final int SOLVED = 64;
        private final TrialSnapshot trial;

        ReplayedRows(TrialSnapshot trial) {
            this.trial = trial;
        }

        @Override
        public PatientKernel create() {
            final PatientKernel real = trial.create();
            final int arms = real.arms().size();
            final double[][] rows = new double[SOLVED][real.columns().size()];
            for (int i = 0; i < SOLVED; i++) {
                real.compute(0, i % arms, i / arms, rows[i]);
            }
            return new PatientKernel() {
                @Override
                public List<ColumnSpec> columns() {
                    return real.columns();
                }

                @Override
                public List<String> arms() {
                    return real.arms();
                }

                @Override
                public int replicates() {
                    return real.replicates();
                }

                @Override
                public long patientsPerArm() {
                    return real.patientsPerArm();
                }

                @Override
                public void compute(int replicate, int arm, long patientIndex, double[] row) {
                    System.arraycopy(rows[(int) (patientIndex % SOLVED)], 0, row, 0, row.length);
                }

                @Override
                public SolveStatus trajectory(int replicate, int arm, long patientIndex, double every,
                                              GridObserver.Sink sink) {
                    return real.trajectory(replicate, arm, patientIndex, every, sink);
                }

                @Override
                public List<String> stateNames() {
                    return real.stateNames();
                }

                @Override
                public long solverNanos() {
                    return 0;
                }
            };
        }
    }

    /**
     * The JVM's own cumulative work outside the application's threads, read before and after a run: the
     * JIT's compilation time and the collectors' time. In a small run the JIT still compiles Spark's,
     * Hadoop's and Parquet's per-task code on the same cores as the tasks (measured: its threads took
     * 0.4-1.8 s of CPU in 10^4-patient runs of 1.4-3.1 s), which is why such a run's solver time per
     * patient is larger than a large run's.
     */
    static final class JvmWork {
        private JvmWork() {
        }

        /** @return seconds the JIT has spent compiling so far, summed over its threads; -1 if not measured */
        static double jitSeconds() {
            final var jit = ManagementFactory.getCompilationMXBean();
            return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() / 1e3 : -1;
        }

        /** @return seconds of garbage collection so far, as the collectors count it; -1 if none reports it */
        static double gcSeconds() {
            long ms = 0;
            boolean any = false;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                final long t = gc.getCollectionTime();
                if (t >= 0) {
                    ms += t;
                    any = true;
                }
            }
            return any ? ms / 1e3 : -1;
        }
    }

    /** Counts the records written and the solver time of finished tasks (for cancelled runs). */
    static final class RecordsWritten extends SparkListener {
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong solverNanos = new AtomicLong();

        void reset() {
            records.set(0);
            solverNanos.set(0);
        }

        long records() {
            return records.get();
        }

        double solverSeconds() {
            return solverNanos.get() / 1e9;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            if (taskEnd.taskMetrics() == null || !"Success".equals(String.valueOf(taskEnd.reason()))) {
                return;
            }
            records.addAndGet(taskEnd.taskMetrics().outputMetrics().recordsWritten());
            for (AccumulableInfo a : CollectionConverters.asJava(taskEnd.taskInfo().accumulables())) {
                if (a.name().isDefined() && "solverNanos".equals(a.name().get()) && a.update().isDefined()) {
                    solverNanos.addAndGet(((Number) a.update().get()).longValue());
                }
            }
        }
    }

    /**
     * The heap of this JVM (driver and, on local masters, the executors): peak in use, sampled every
     * 20 ms, and the largest heap in use right after a garbage collection (GC notifications).
     */
    static final class HeapWatch implements NotificationListener, AutoCloseable {
        private final Set<String> heapPools = new HashSet<>();
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong live = new AtomicLong();
        private final Timer sampler = new Timer("bench-heap", true);

        HeapWatch() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool.getName());
                }
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter) {
                    ((NotificationEmitter) gc).addNotificationListener(this, null, null);
                    emitters.add((NotificationEmitter) gc);
                }
            }
            sampler.schedule(new TimerTask() {
                @Override
                public void run() {
                    final long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    peak.accumulateAndGet(used, Math::max);
                }
            }, 0, 20);
        }

        /** Starts a run, right after a full collection: the heap in use is then the live set. */
        void reset() {
            final long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peak.set(used);
            live.set(used);
        }

        long peak() {
            return peak.get();
        }

        long live() {
            return live.get();
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            final GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long after = 0;
            for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    after += e.getValue().getUsed();
                }
            }
            final long a = after;
            live.accumulateAndGet(a, Math::max);
        }

        @Override
        public void close() {
            sampler.cancel();
            for (NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // already removed
                }
            }
        }
    }
}
