package org.vtrial.engine.trial;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.vtrial.engine.io.InputProblems;
import org.vtrial.engine.io.JsonTree.Kind;
import org.vtrial.engine.io.JsonTree.Node;

/**
 * Strict reading of one JSON object's members: each accessor declares the member as known, checks
 * its type and reports problems with position; {@link #rejectUnknown} then reports every member
 * nobody asked for (misspelt fields get a suggestion).
 */
public final class JsonFields {

    private final Node node;
    private final InputProblems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonFields(Node node, InputProblems problems) {
        this.node = node;
        this.problems = problems;
    }

    /**
     * @param what what the object is, for the message when {@code node} is not an object
     * @return the reader; when {@code node} is not an object a problem is reported and every
     *         accessor returns null
     */
    public static JsonFields of(Node node, InputProblems problems, String what) {
        if (node != null && node.kind() != Kind.OBJECT) {
            problems.add(node, "expected " + what + " (a JSON object), got " + node.describe());
            return new JsonFields(null, problems);
        }
        return new JsonFields(node, problems);
    }

    /** @return true when the node is an object */
    public boolean valid() {
        return node != null;
    }

    /** @return the object node (null when not an object) */
    public Node node() {
        return node;
    }

    /** Declares a member known without reading it. */
    public void allow(String... names) {
        known.addAll(List.of(names));
    }

    /** @return the member, or null when absent (declares it known) */
    public Node get(String name) {
        known.add(name);
        return node == null ? null : node.get(name);
    }

    /** @return the member; reports it missing when absent */
    public Node required(String name) {
        final Node v = get(name);
        if (v == null && node != null) {
            problems.add(node, "missing required field '" + name + "'");
        }
        return v;
    }

    /** @return a non-blank string member, or null (absent or reported) */
    public String string(String name, boolean required) {
        final Node v = required ? required(name) : get(name);
        return v == null ? null : string(v, problems);
    }

    /** @return a finite number member, or null */
    public Double number(String name, boolean required) {
        final Node v = required ? required(name) : get(name);
        return v == null ? null : number(v, problems);
    }

    /** @return an integer member in {@code [min, max]}, or null */
    public Long integer(String name, boolean required, long min, long max) {
        final Node v = required ? required(name) : get(name);
        return v == null ? null : integer(v, problems, min, max);
    }

    /** @return a boolean member, or null */
    public Boolean bool(String name, boolean required) {
        final Node v = required ? required(name) : get(name);
        if (v == null) {
            return null;
        }
        if (v.kind() != Kind.BOOLEAN) {
            problems.add(v, "expected true or false, got " + v.describe());
            return null;
        }
        return Boolean.valueOf(v.text());
    }

    /** Reports every member not declared known. */
    public void rejectUnknown(String what) {
        if (node == null) {
            return;
        }
        for (Map.Entry<String, Node> e : node.fields().entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.addAtKey(e.getValue(), unknownMessage(e.getKey(), what, known));
            }
        }
    }

    /** @return "unknown field 'x' of WHAT; did you mean 'y'? known: ..." */
    public static String unknownMessage(String name, String what, Collection<String> candidates) {
        final String suggestion = closest(name, candidates);
        return "unknown field '" + name + "' in " + what
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                + " (allowed: " + String.join(", ", candidates) + ")";
    }

    /**
     * @return the candidate closest to {@code name}: equal up to case, '_' and '-' first, else
     *         within edit distance 2; null when none is close
     */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            final int d = normalized(c).equals(normalized(name)) ? 0
                    : distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static String normalized(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static int distance(String a, String b) {
        final int[] prev = new int[b.length() + 1];
        final int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            System.arraycopy(cur, 0, prev, 0, cur.length);
        }
        return prev[b.length()];
    }

    // ---- single values -------------------------------------------------------------------

    /** @return the string, or null after reporting a non-string or blank value */
    public static String string(Node v, InputProblems problems) {
        if (v.kind() != Kind.STRING) {
            problems.add(v, "expected a string, got " + v.describe());
            return null;
        }
        if (v.text().isBlank()) {
            problems.add(v, "must not be empty");
            return null;
        }
        return v.text();
    }

    /**
     * @return the finite number, or null after reporting: a non-number (numeric strings included),
     *         NaN, Infinity, or a literal that overflows a double
     */
    public static Double number(Node v, InputProblems problems) {
        if (!v.isNumber()) {
            problems.add(v, "expected a number, got " + v.describe());
            return null;
        }
        final double d = v.doubleValue();
        if (Double.isNaN(d)) {
            problems.add(v, "NaN is not a number allowed in input files");
            return null;
        }
        if (Double.isInfinite(d)) {
            problems.add(v, ("Infinity".equals(v.text()) || "-Infinity".equals(v.text()) ? "Infinity is not allowed"
                    : "number " + v.describe() + " overflows a double") + "; give a finite number");
            return null;
        }
        return d;
    }

    /** @return the integer in {@code [min, max]}, or null after reporting */
    public static Long integer(Node v, InputProblems problems, long min, long max) {
        if (v.kind() == Kind.FLOAT) {
            problems.add(v, "expected an integer, got " + v.describe() + " (write whole numbers without '.' or exponent)");
            return null;
        }
        if (v.kind() != Kind.INTEGER) {
            problems.add(v, "expected an integer, got " + v.describe());
            return null;
        }
        final BigInteger b = v.integerValue();
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(v, v.text() + " is outside the allowed range [" + min + ", " + max + "]");
            return null;
        }
        return b.longValue();
    }

    /** @return the elements of an array, or null after reporting a non-array */
    public static List<Node> array(Node v, InputProblems problems, String what) {
        if (v.kind() != Kind.ARRAY) {
            problems.add(v, "expected " + what + " (a JSON array), got " + v.describe());
            return null;
        }
        return new ArrayList<>(v.items());
    }

    /** @return true when {@code s} is a valid name: letters, digits, {@code _ - . +}, starting with a letter or digit */
    public static boolean isName(String s) {
        return s.matches("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
    }
}
