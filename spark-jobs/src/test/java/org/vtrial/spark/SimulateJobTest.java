package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.engine.sim.PatientKernelFactory;

/** The simulation job's contract: rows, determinism, statuses, atomic publishing. */
class SimulateJobTest {

    @TempDir
    Path dir;

    private static final PatientKernelFactory FACTORY = TestKernels.tumorControl(42, 2, 300, 2, 17, -1);

    private SimulateJob.Result run(String name, SimulateJob.Options options) throws IOException {
        return SimulateJob.run(SparkTestSupport.spark(), FACTORY, options, null);
    }

    private SimulateJob.Options to(String name) {
        return SimulateJob.Options.to(dir.resolve(name).toString());
    }

    @Test
    void sparkRowsEqualThePlainLoopBitForBitWhateverThePartitioning() throws IOException {
        final List<Row> reference = SparkTestSupport.inProcess(FACTORY);
        assertEquals(2 * 2 * 300, reference.size());
        for (int partitions : new int[] {1, 7, 64}) {
            final SimulateJob.Result r = run("p" + partitions, to("p" + partitions).withPartitions(partitions));
            assertEquals(partitions, r.partitions());
            final List<Row> rows = SparkTestSupport.readSorted(r.run() + "/patients", FACTORY.create().columns());
            // Row.equals compares boxed doubles by their bits: bit-for-bit identity
            assertEquals(reference, rows, "rows with " + partitions + " partitions");
        }
    }

    @Test
    void aJobOfTwoWavesInterleavesTheArmsALongerOneKeepsThemApart() throws IOException {
        // 2 replicates x 2 arms x 300 patients = 1,200 keys; the test session has 2 cores.
        // 4 partitions of 300 keys (two waves): arms interleaved, each task writes 150 rows into each
        // arm's folder, so every arm has 4 files of 150 rows. (One arm per key range would give 2 files
        // of 300 per arm: arms that cost differently would leave a core idle at the end.)
        assertFileSizes(run("interleaved", to("interleaved").withPartitions(4)), 4, 150);
        // 16 partitions of 75 keys (eight waves): arm-major, each partition holds one arm and writes one
        // file: per arm 2 replicates x 4 partitions of 75 rows (interleaved: 16 files of 37-38 rows)
        assertFileSizes(run("armMajor", to("armMajor").withPartitions(16)), 8, 75);
        assertTrue(PatientPartition.interleaves(4, 2) && !PatientPartition.interleaves(5, 2));
    }

    private static void assertFileSizes(SimulateJob.Result r, int files, long rows) {
        for (String arm : List.of("armA", "armB")) {
            final List<Row> perFile = SparkTestSupport.spark().read().parquet(r.run() + "/patients/arm=" + arm)
                    .groupBy(org.apache.spark.sql.functions.input_file_name()).count().collectAsList();
            assertEquals(files, perFile.size(), arm + ": files");
            for (Row file : perFile) {
                assertEquals(rows, file.getLong(1), arm + ": rows in " + file.getString(0));
            }
        }
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptIsRetriedWithIdenticalRows() throws IOException {
        final SimulateJob.Result r = run("retry", to("retry").withPartitions(5).withInjectedFailure(2));
        assertEquals(SparkTestSupport.inProcess(FACTORY),
                SparkTestSupport.readSorted(r.run() + "/patients", FACTORY.create().columns()));
        // the failed attempt's rows (3 handed to the writer before it threw) are not counted: the
        // manifest's counts are those of the files, read here with Spark
        for (String arm : List.of("armA", "armB")) {
            final long inFiles = SparkTestSupport.spark().read().parquet(r.run() + "/patients")
                    .filter(org.apache.spark.sql.functions.col("arm").equalTo(arm)).count();
            assertEquals(600, inFiles);
            assertEquals(600, r.countsByArmAndStatus().get(arm).values().stream().mapToLong(Long::longValue).sum(), arm);
        }
    }

    @Test
    void theRowCountCheckReadsTheFilesAndNamesTheArmThatLostRows() throws IOException {
        final SimulateJob.Result r = run("check", to("check").withPartitions(3));
        final String patients = r.run() + "/patients";
        final List<String> arms = List.of("armA", "armB");
        final List<String> statuses = org.vtrial.engine.sim.SolveStatus.LABELS;
        // a tally of the rows as the tasks produced them: 600 OK rows per arm
        final RowTally tally = new RowTally(2, statuses.size());
        for (int i = 0; i < 600; i++) {
            tally.count(0, 0);
            tally.count(1, 0);
        }
        final org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        assertEquals(java.util.Map.of("OK", 600L), SimulateJob.verify(conf, patients, arms, statuses, tally, 600).get("armB"));
        // a file of armB lost after the tasks produced its rows
        final Path lost;
        try (Stream<Path> s = Files.list(Path.of(patients, "arm=armB"))) {
            lost = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.delete(lost);
        final IOException e = assertThrows(IOException.class,
                () -> SimulateJob.verify(conf, patients, arms, statuses, tally, 600));
        assertTrue(e.getMessage().contains("arm armB: ") && e.getMessage().contains("600 rows produced by the tasks"),
                e.getMessage());
        assertFalse(e.getMessage().contains("arm armA"), e.getMessage());
        // a folder that is no arm of the trial
        Files.createDirectories(Path.of(patients, "arm=armZ"));
        final IOException stray = assertThrows(IOException.class,
                () -> SimulateJob.verify(conf, patients, arms, statuses, tally, 600));
        assertTrue(stray.getMessage().contains("arm=armZ, which is not an arm of the trial"), stray.getMessage());
        // a file in an arm's folder that is not Parquet: named, with what the reader said
        Files.delete(Path.of(patients, "arm=armZ"));
        final Path garbage = Path.of(patients, "arm=armA", "part-99999.zstd.parquet");
        Files.writeString(garbage, "not a Parquet file");
        final IOException unreadable = assertThrows(IOException.class,
                () -> SimulateJob.verify(conf, patients, arms, statuses, tally, 600));
        assertTrue(unreadable.getMessage().contains("cannot read the Parquet footer of")
                && unreadable.getMessage().contains("part-99999.zstd.parquet"), unreadable.getMessage());
    }

    @Test
    void rerunWithTheSameSeedGivesTheSameRows() throws IOException {
        final SimulateJob.Result a = run("a", to("a").withPartitions(3));
        final SimulateJob.Result b = run("b", to("b").withPartitions(4));
        assertEquals(SparkTestSupport.readSorted(a.run() + "/patients", FACTORY.create().columns()),
                SparkTestSupport.readSorted(b.run() + "/patients", FACTORY.create().columns()));
    }

    @Test
    void unsolvablePatientsKeepTheirRowWithTheRightStatus() throws IOException {
        final SimulateJob.Result r = run("status", to("status").withPartitions(3));
        // failEvery = 17: indices 16, 33, ... fail; even ones are invalid (negative supply), odd ones
        // hit the evaluation cap. Count them by hand from the rule.
        long invalid = 0;
        long capped = 0;
        for (long i = 0; i < 300; i++) {
            if (i % 17 == 16) {
                if (i % 2 == 0) {
                    invalid++;
                } else {
                    capped++;
                }
            }
        }
        for (String arm : List.of("armA", "armB")) {
            final var byStatus = r.countsByArmAndStatus().get(arm);
            assertEquals(2 * invalid, byStatus.get("INVALID_PARAMETERS"), arm);
            assertEquals(2 * capped, byStatus.get("MAX_EVALUATIONS"), arm);
            assertEquals(2 * (300 - invalid - capped), byStatus.get("OK"), arm);
        }
        assertEquals(1200, r.patients());
        assertTrue(Files.exists(Path.of(r.run(), "manifest.json")));
    }

    @Test
    void aJobThatFailsMidwayLeavesNoRunAndNoStaging() {
        final PatientKernelFactory failing = TestKernels.tumorControl(42, 2, 300, 1, 0, 1);
        assertThrows(Exception.class, () -> SimulateJob.run(SparkTestSupport.spark(), failing,
                to("broken").withPartitions(4), null));
        assertFalse(Files.exists(dir.resolve("broken")));
        assertEquals(0, hiddenEntries(), () -> listing());
    }

    @Test
    void anExistingRunIsRefusedWithoutOverwriteAndKeptUntilTheNewOneIsComplete() throws IOException {
        final SimulateJob.Result first = run("keep", to("keep").withPartitions(2));
        final String manifest = Files.readString(Path.of(first.run(), "manifest.json"));
        assertThrows(RunPublisher.RunExistsException.class, () -> run("keep", to("keep")));
        // a failing overwrite leaves the old run untouched
        final PatientKernelFactory failing = TestKernels.tumorControl(42, 2, 300, 1, 0, 0);
        assertThrows(Exception.class, () -> SimulateJob.run(SparkTestSupport.spark(), failing,
                to("keep").withOverwrite(true).withPartitions(2), null));
        assertEquals(manifest, Files.readString(Path.of(first.run(), "manifest.json")));
        // a successful overwrite replaces it
        final SimulateJob.Result second = run("keep", to("keep").withOverwrite(true).withPartitions(3));
        assertTrue(Files.readString(Path.of(second.run(), "manifest.json")).contains("\"partitions\" : 3"));
        assertEquals(0, hiddenEntries());
    }

    @Test
    void trajectorySampleHoldsTheFirstPatientsOfEachArmOnTheGrid() throws IOException {
        final SimulateJob.Result r = run("traj", to("traj").withPartitions(2).withTrajectories(3, 10));
        final List<Row> rows = SparkTestSupport.spark().read().parquet(r.run() + "/trajectories").collectAsList();
        // 2 arms x 3 patients x 7 grid points (0, 10, ..., 60)
        assertEquals(2 * 3 * 7, rows.size());
    }

    private String listing() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList().toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long hiddenEntries() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
