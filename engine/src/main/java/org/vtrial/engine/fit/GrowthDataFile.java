package org.vtrial.engine.fit;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.vtrial.engine.io.BadInputException;

/**
 * Reads tumor growth data: CSV with a header naming the columns {@code t} (days) and {@code N}
 * (counts), in any order, and optionally {@code series} (several series in one file; rows of different
 * series may interleave). Blank lines and lines starting with {@code #} are skipped; fields may be
 * double-quoted (RFC 4180, {@code ""} for a quote).
 *
 * <p>Every problem is reported at once, each as {@code FILE:LINE: column 'NAME': what is wrong}: a
 * missing or unknown column, a row with the wrong number of fields, a value that is not a plain
 * decimal number, a non-finite value, a count that is not positive, an empty series name, and, per
 * series, times that repeat or decrease, or fewer than {@link #MIN_POINTS} points.
 */
public final class GrowthDataFile {

    /**
     * Fewest points per series: the three-parameter laws need more points than parameters for a
     * residual variance, hence standard errors, and the per-capita diagnostic needs three intervals.
     */
    public static final int MIN_POINTS = 4;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private GrowthDataFile() {
    }

    /**
     * Reads a file.
     *
     * @return the series in order of first appearance
     * @throws BadInputException listing every problem
     */
    public static List<GrowthSeries> read(Path file) throws BadInputException {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return parse(file.toString(), lines);
    }

    /**
     * Parses lines of CSV text.
     *
     * @param source name used in messages (the file name)
     * @return the series in order of first appearance
     * @throws BadInputException listing every problem
     */
    public static List<GrowthSeries> parse(String source, List<String> lines) throws BadInputException {
        final List<String> problems = new ArrayList<>();
        int headerLine = -1;
        int colT = -1;
        int colN = -1;
        int colSeries = -1;
        int columns = 0;
        List<String> header = List.of();
        final Map<String, Rows> bySeries = new LinkedHashMap<>();
        for (int k = 0; k < lines.size(); k++) {
            String text = lines.get(k);
            final int lineNo = k + 1;
            if (k == 0 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank() || text.stripLeading().startsWith("#")) {
                continue;
            }
            final List<String> fields = split(text);
            if (fields == null) {
                problems.add(source + ":" + lineNo + ": malformed double-quoted field (unterminated, or text after the closing quote)");
                continue;
            }
            if (headerLine < 0) {
                headerLine = lineNo;
                header = fields;
                columns = fields.size();
                for (int c = 0; c < fields.size(); c++) {
                    final String name = fields.get(c);
                    final int previous = "t".equals(name) ? colT : "N".equals(name) ? colN
                            : "series".equals(name) ? colSeries : -2;
                    if (previous == -2) {
                        problems.add(source + ":" + lineNo + ": unknown column '" + name
                                + "' (expected t, N and optionally series; names are case-sensitive)");
                    } else if (previous >= 0) {
                        problems.add(source + ":" + lineNo + ": column '" + name + "' appears twice");
                    } else if ("t".equals(name)) {
                        colT = c;
                    } else if ("N".equals(name)) {
                        colN = c;
                    } else {
                        colSeries = c;
                    }
                }
                if (colT < 0) {
                    problems.add(source + ":" + lineNo + ": header lacks column 't' (time, days)");
                }
                if (colN < 0) {
                    problems.add(source + ":" + lineNo + ": header lacks column 'N' (counts)");
                }
                if (!problems.isEmpty()) {
                    throw new BadInputException(problems);
                }
                continue;
            }
            if (fields.size() != columns) {
                problems.add(source + ":" + lineNo + ": " + fields.size() + " fields, expected " + columns + " ("
                        + String.join(",", header) + ")");
                continue;
            }
            final double t = number(source, lineNo, "t", fields.get(colT), problems);
            double n = number(source, lineNo, "N", fields.get(colN), problems);
            if (Double.isFinite(n) && !(n > 0)) {
                problems.add(source + ":" + lineNo + ": column 'N': count must be positive, got " + fields.get(colN));
                n = Double.NaN;
            }
            String series = "";
            if (colSeries >= 0) {
                series = fields.get(colSeries);
                if (series.isEmpty()) {
                    problems.add(source + ":" + lineNo + ": column 'series': empty series name");
                    continue;
                }
            }
            if (Double.isFinite(t) && Double.isFinite(n)) {
                bySeries.computeIfAbsent(series, s -> new Rows()).add(t, n, lineNo);
            }
        }
        if (headerLine < 0) {
            throw new BadInputException(source + ": empty file (expected a header line such as t,N)");
        }
        if (bySeries.isEmpty() && problems.isEmpty()) {
            problems.add(source + ": no data rows after the header on line " + headerLine);
        }
        // a series that lost rows to bad values would also look short: count points only in a clean file
        final boolean rowProblems = !problems.isEmpty();
        final List<GrowthSeries> out = new ArrayList<>();
        for (Map.Entry<String, Rows> e : bySeries.entrySet()) {
            final Rows r = e.getValue();
            final String label = e.getKey().isEmpty() ? "the data" : "series '" + e.getKey() + "'";
            boolean ordered = true;
            for (int i = 1; i < r.size; i++) {
                if (r.t[i] == r.t[i - 1]) {
                    problems.add(source + ":" + r.line[i] + ": column 't': " + label + " repeats time "
                            + fmt(r.t[i]) + " of line " + r.line[i - 1]);
                    ordered = false;
                } else if (r.t[i] < r.t[i - 1]) {
                    problems.add(source + ":" + r.line[i] + ": column 't': " + label + " time " + fmt(r.t[i])
                            + " comes after " + fmt(r.t[i - 1]) + " (line " + r.line[i - 1]
                            + "); times must increase within a series");
                    ordered = false;
                }
            }
            if (r.size < MIN_POINTS && !rowProblems) {
                problems.add(source + ": " + label + " has " + r.size + " point" + (r.size == 1 ? "" : "s")
                        + "; fitting the three-parameter laws with standard errors needs at least " + MIN_POINTS);
            } else if (ordered && problems.isEmpty()) {
                out.add(new GrowthSeries(e.getKey(), java.util.Arrays.copyOf(r.t, r.size),
                        java.util.Arrays.copyOf(r.n, r.size), java.util.Arrays.copyOf(r.line, r.size)));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return out;
    }

    private static double number(String source, int lineNo, String column, String text, List<String> problems) {
        final String s = text.trim();
        if (NON_FINITE.matcher(s).matches()) {
            problems.add(source + ":" + lineNo + ": column '" + column + "': value must be finite, got " + s);
            return Double.NaN;
        }
        if (!DECIMAL.matcher(s).matches()) {
            problems.add(source + ":" + lineNo + ": column '" + column + "': '" + s + "' is not a number");
            return Double.NaN;
        }
        final double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            problems.add(source + ":" + lineNo + ": column '" + column + "': " + s + " overflows (not finite)");
            return Double.NaN;
        }
        return v;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /** Splits one CSV line; fields are trimmed unless quoted. @return null on a malformed quoted field */
    static List<String> split(String line) {
        final List<String> out = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        int i = 0;
        final int len = line.length();
        while (true) {
            field.setLength(0);
            while (i < len && line.charAt(i) == ' ') {
                i++;
            }
            if (i < len && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < len) {
                    final char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < len && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < len && line.charAt(i) == ' ') {
                    i++;
                }
                if (!closed || i < len && line.charAt(i) != ',') {
                    return null;
                }
                out.add(field.toString());
            } else {
                while (i < len && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
                out.add(field.toString().trim());
            }
            if (i >= len) {
                return out;
            }
            i++; // the comma
        }
    }

    /** Growing column buffers of one series. */
    private static final class Rows {
        double[] t = new double[16];
        double[] n = new double[16];
        int[] line = new int[16];
        int size;

        void add(double time, double count, int lineNo) {
            if (size == t.length) {
                t = java.util.Arrays.copyOf(t, 2 * size);
                n = java.util.Arrays.copyOf(n, 2 * size);
                line = java.util.Arrays.copyOf(line, 2 * size);
            }
            t[size] = time;
            n[size] = count;
            line[size] = lineNo;
            size++;
        }
    }
}
