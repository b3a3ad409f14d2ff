package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application jar for {@code spark-submit} (run by Failsafe after packaging): it holds our
 * classes and the libraries a Spark distribution lacks, and none of the classes the cluster's Spark
 * brings — two copies of Spark, Scala, Jackson, Hadoop, Parquet or the logging stack on one
 * classpath fail at run time with linkage errors or version checks (Jackson's Scala module refuses a
 * databind of another minor version).
 */
class AppJarIT {

    /** Packages a Spark distribution provides; none may appear in the application jar. */
    private static final List<String> FORBIDDEN = List.of("org/apache/spark/", "scala/", "com/fasterxml/jackson/",
            "org/apache/hadoop/", "org/apache/parquet/", "org/slf4j/", "org/apache/logging/log4j/");

    private static Set<String> entries;
    private static Path jar;

    @BeforeAll
    static void open() throws IOException {
        jar = Path.of(System.getProperty("vtrial.appJar", "target/vtrial-spark-jobs-0.1.0-SNAPSHOT-app.jar"));
        assertTrue(Files.isRegularFile(jar), "application jar not built: " + jar);
        entries = new TreeSet<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) f.stream()::iterator) {
                entries.add(e.getName());
            }
        }
    }

    @Test
    void holdsNoClassOfTheClustersSpark() {
        final List<String> found = new ArrayList<>();
        for (String e : entries) {
            for (String prefix : FORBIDDEN) {
                if (e.startsWith(prefix) && e.endsWith(".class")) {
                    found.add(e);
                }
            }
        }
        assertEquals(List.of(), found.subList(0, Math.min(20, found.size())),
                found.size() + " classes of the cluster's Spark in " + jar);
    }

    @Test
    void holdsEveryClassOfThisModule() throws IOException {
        // The reference is the compiler's output of this module: each class must be in the jar.
        final Path classes = Path.of(System.getProperty("vtrial.classes", "target/classes"));
        final List<String> missing = new ArrayList<>();
        int count = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".class"))::iterator) {
                count++;
                final String name = classes.relativize(p).toString().replace('\\', '/');
                if (!entries.contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertTrue(count > 10, "too few compiled classes under " + classes + ": " + count);
        assertEquals(List.of(), missing, "classes of spark-jobs missing from " + jar);
    }

    @Test
    void holdsTheLibrariesSparkLacks() {
        // One class of each library the engine and the command line need beyond Spark's own set
        // (spark-jobs/spark-dist.pom.xml): the engine, Hipparchus, Commons RNG, picocli.
        for (String c : List.of("org/vtrial/engine/trial/TrialSnapshot.class",
                "org/vtrial/engine/ode/DormandPrince54.class",
                "org/hipparchus/util/FastMath.class",
                "org/hipparchus/stat/descriptive/DescriptiveStatistics.class",
                "org/apache/commons/rng/simple/RandomSource.class",
                "org/apache/commons/rng/core/source64/Philox4x64.class",
                "org/apache/commons/rng/UniformRandomProvider.class",
                "picocli/CommandLine.class")) {
            assertTrue(entries.contains(c), c + " missing from " + jar);
        }
    }

    @Test
    void manifestNamesTheCommandLine() throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            assertEquals("org.vtrial.cli.VTrial", f.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }
}
