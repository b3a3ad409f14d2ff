package org.vtrial.engine.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.engine.io.BadInputException;

class GrowthDataFileTest {

    private static List<GrowthSeries> parse(String... lines) throws BadInputException {
        return GrowthDataFile.parse("data.csv", List.of(lines));
    }

    /** @return the single problem reported for these lines */
    private static String problem(String... lines) {
        final BadInputException e = assertThrows(BadInputException.class, () -> parse(lines));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void readsInterleavedSeriesWithCommentsQuotesAndAnyColumnOrder() throws Exception {
        final List<GrowthSeries> s = parse(
                "\uFEFF# tumor volumes, mm^3",
                "N, series ,t",
                "100,A,0",
                "50,\"B, left\",0",
                "",
                "200,A,1.5",
                "70,\"B, left\",2",
                "400,A,3",
                "90,\"B, left\",4",
                "800,A,4.5e0",
                "95,\"B, left\",6");
        assertEquals(2, s.size());
        assertEquals("A", s.get(0).name());
        assertArrayEquals(new double[] {0, 1.5, 3, 4.5}, s.get(0).t());
        assertArrayEquals(new double[] {100, 200, 400, 800}, s.get(0).n());
        assertArrayEquals(new int[] {3, 6, 8, 10}, s.get(0).lines());
        assertEquals("B, left", s.get(1).name());
        assertArrayEquals(new double[] {50, 70, 90, 95}, s.get(1).n());
    }

    @Test
    void withoutSeriesColumnAllRowsAreOneSeries() throws Exception {
        final List<GrowthSeries> s = parse("t,N", "0,1", "1,2", "2,4", "3,8");
        assertEquals(1, s.size());
        assertEquals("", s.get(0).name());
    }

    @Test
    void headerProblemsNameTheColumn() {
        assertEquals("data.csv:2: header lacks column 'N' (counts)", problem("# comment", "t", "0"));
        final BadInputException e = assertThrows(BadInputException.class, () -> parse("t,n", "0,1"));
        assertEquals(List.of(
                "data.csv:1: unknown column 'n' (expected t, N and optionally series; names are case-sensitive)",
                "data.csv:1: header lacks column 'N' (counts)"), e.problems());
        assertEquals("data.csv:1: column 't' appears twice", problem("t,N,t"));
        assertEquals("data.csv: empty file (expected a header line such as t,N)", problem("# only a comment", ""));
        assertEquals("data.csv: no data rows after the header on line 1", problem("t,N"));
    }

    @Test
    void rowProblemsNameLineAndColumn() {
        assertEquals("data.csv:3: 2 fields, expected 3 (t,N,series)",
                problem("t,N,series", "0,1,A", "1,2", "2,4,A", "3,8,A", "4,9,A"));
        assertEquals("data.csv:3: column 'N': 'abc' is not a number", problem("t,N", "0,1", "1,abc", "2,4", "3,8"));
        assertEquals("data.csv:2: column 't': '1d' is not a number", problem("t,N", "1d,1", "2,2", "3,4", "4,8"));
        assertEquals("data.csv:2: column 't': '0x10' is not a number", problem("t,N", "0x10,1", "17,2", "18,4", "19,8"));
        assertEquals("data.csv:4: column 'N': value must be finite, got NaN", problem("t,N", "0,1", "1,2", "2,NaN", "3,8"));
        assertEquals("data.csv:2: column 't': value must be finite, got -Infinity",
                problem("t,N", "-Infinity,1", "1,2", "2,3", "3,8"));
        assertEquals("data.csv:3: column 'N': 1e999 overflows (not finite)", problem("t,N", "0,1", "1,1e999", "2,4", "3,8"));
        assertEquals("data.csv:3: column 'N': count must be positive, got 0", problem("t,N", "0,1", "1,0", "2,4", "3,8"));
        assertEquals("data.csv:5: column 'N': count must be positive, got -8", problem("t,N", "0,1", "1,2", "2,4", "3,-8"));
        assertEquals("data.csv:3: column 'series': empty series name", problem("t,N,series", "0,1,A", "1,2,", "2,4,A",
                "3,8,A", "4,9,A"));
        assertTrue(problem("t,N,series", "0,1,\"A", "1,2,A").startsWith("data.csv:2: malformed double-quoted field"));
    }

    @Test
    void seriesProblemsNameTheLinesAndSeries() {
        assertEquals("data.csv:4: column 't': series 'A' repeats time 1.0 of line 3",
                problem("t,N,series", "0,1,A", "1,2,A", "1,3,A", "2,4,A", "3,8,A"));
        assertEquals("data.csv:5: column 't': series 'B' time 1.0 comes after 2.0 (line 4); times must increase within a series",
                problem("t,N,series", "0,1,B", "0,1,A", "2,2,B", "1,3,B", "3,4,B", "1,2,A", "2,3,A", "3,4,A"));
        assertEquals("data.csv: series 'A' has 3 points; fitting the three-parameter laws with standard errors needs at least 4",
                problem("t,N,series", "0,1,A", "1,2,A", "2,4,A", "0,1,B", "1,2,B", "2,4,B", "3,8,B"));
        assertEquals("data.csv: the data has 1 point; fitting the three-parameter laws with standard errors needs at least 4",
                problem("t,N", "0,1"));
    }

    /** Every problem is reported in one pass; a series short only because of bad rows is not also called short. */
    @Test
    void allProblemsAtOnce() {
        final BadInputException e = assertThrows(BadInputException.class,
                () -> parse("t,N", "0,1", "1,x", "2,-1", "2,5", "3,8"));
        assertEquals(List.of(
                "data.csv:3: column 'N': 'x' is not a number",
                "data.csv:4: column 'N': count must be positive, got -1"), e.problems());
    }

    @Test
    void readsFilesAndReportsUnreadableOnes(@TempDir Path dir) throws Exception {
        final Path f = dir.resolve("g.csv");
        Files.writeString(f, "t,N\n0,1\n1,2.5\n2,6\n3,15\n");
        assertArrayEquals(new double[] {1, 2.5, 6, 15}, GrowthDataFile.read(f).get(0).n());
        final Path missing = dir.resolve("missing.csv");
        final BadInputException e = assertThrows(BadInputException.class, () -> GrowthDataFile.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read (NoSuchFileException"), e.getMessage());
        final Path binary = dir.resolve("bin.csv");
        Files.write(binary, new byte[] {'t', ',', 'N', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        final BadInputException b = assertThrows(BadInputException.class, () -> GrowthDataFile.read(binary));
        assertEquals(binary + ": not UTF-8 text", b.getMessage());
    }
}
