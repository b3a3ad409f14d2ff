package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
 * databind of another minor version). It also holds the one file of the ECharts WebJar that the
 * trial report inlines, so that {@code run} and {@code report} work under spark-submit.
 */
class AppJarIT {

    /** Packages a Spark distribution provides; none may appear in the application jar. */
    private static final List<String> FORBIDDEN = List.of("org/apache/spark/", "scala/", "com/fasterxml/jackson/",
            "org/apache/hadoop/", "org/apache/parquet/", "org/slf4j/", "org/apache/logging/log4j/");

    private static final String ECHARTS_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

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
    void holdsTheChartLibraryOfTheReportAndNothingElseOfItsWebJar() throws Exception {
        // The reference is the WebJar on this test's classpath: its dist/echarts.min.js, byte for byte.
        final String version;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ECHARTS_PROPERTIES)) {
            assertNotNull(in, "the ECharts WebJar is not on the test classpath");
            final Properties p = new Properties();
            p.load(in);
            version = p.getProperty("version");
        }
        final String script = "META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js";
        final byte[] expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(script)) {
            expected = in.readAllBytes();
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            assertNotNull(f.getEntry(ECHARTS_PROPERTIES), ECHARTS_PROPERTIES + " missing from " + jar);
            final JarEntry e = f.getJarEntry(script);
            assertNotNull(e, script + " missing from " + jar);
            try (InputStream in = f.getInputStream(e)) {
                assertArrayEquals(expected, in.readAllBytes(), script);
            }
        }
        assertTrue(entries.contains("META-INF/resources/webjars/echarts/" + version + "/LICENSE"), "ECharts licence");
        // only the one script of the WebJar's dist/ (the whole WebJar is 13 MB)
        final List<String> scripts = entries.stream()
                .filter(n -> n.startsWith("META-INF/resources/webjars/") && !n.endsWith("/")
                        && !n.endsWith("LICENSE") && !n.endsWith("NOTICE") && !n.contains("/licenses/"))
                .toList();
        assertEquals(List.of(script), scripts);

        // The report's loader, on a class loader holding the application jar and the JDK only (what a
        // spark-submit driver adds to the cluster's Spark): it finds and checks the script.
        try (URLClassLoader alone = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            final Class<?> asset = Class.forName("org.vtrial.report.EchartsAsset", true, alone);
            assertSame(alone, asset.getClassLoader());
            final Method load = asset.getDeclaredMethod("load");
            load.setAccessible(true);
            final Object loaded = load.invoke(null);
            final Method version0 = asset.getDeclaredMethod("version");
            final Method script0 = asset.getDeclaredMethod("script");
            version0.setAccessible(true);
            script0.setAccessible(true);
            assertEquals(version, version0.invoke(loaded));
            assertEquals(new String(expected, StandardCharsets.UTF_8), script0.invoke(loaded));
        }
    }

    @Test
    void manifestNamesTheCommandLine() throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            assertEquals("org.vtrial.cli.VTrial", f.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }
}
