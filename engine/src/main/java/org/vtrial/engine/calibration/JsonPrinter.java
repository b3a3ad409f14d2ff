package org.vtrial.engine.calibration;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes JSON in the layout of the hand-written input files: objects one member per line, except
 * that short objects and arrays of scalars stay on one line, and in a distribution object the
 * numbers share a line and each long text gets its own. Numbers are written so that they read back
 * as the same double ({@link #number}).
 */
final class JsonPrinter {

    /** Longest single-line object or array. */
    private static final int LINE = 100;
    /** Strings longer than this get their own line inside an otherwise single-line object. */
    private static final int LONG_TEXT = 40;

    private JsonPrinter() {
    }

    /** @return the document, ending with a newline */
    static String print(JsonNode node) {
        final StringBuilder sb = new StringBuilder();
        value(node, 0, sb);
        return sb.append('\n').toString();
    }

    private static void value(JsonNode node, int indent, StringBuilder sb) {
        if (node.isObject()) {
            object(node, indent, sb);
        } else if (node.isArray()) {
            array(node, indent, sb);
        } else {
            sb.append(scalar(node));
        }
    }

    private static void object(JsonNode node, int indent, StringBuilder sb) {
        if (node.isEmpty()) {
            sb.append("{}");
            return;
        }
        final String inline = inline(node);
        if (inline != null && inline.length() + indent <= LINE) {
            sb.append(inline);
            return;
        }
        sb.append("{\n");
        if (allScalars(node)) {
            // a distribution: the short members on one line, each long text on its own
            final StringBuilder shortLine = new StringBuilder();
            final StringBuilder longLines = new StringBuilder();
            final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                final String member = quote(e.getKey()) + ": " + scalar(e.getValue());
                if (e.getValue().isTextual() && e.getValue().asText().length() > LONG_TEXT) {
                    longLines.append(longLines.length() == 0 ? "" : ",\n").append(pad(indent + 2)).append(member);
                } else {
                    shortLine.append(shortLine.length() == 0 ? "" : ", ").append(member);
                }
            }
            if (shortLine.length() > 0) {
                sb.append(pad(indent + 2)).append(shortLine).append(longLines.length() > 0 ? ",\n" : "\n");
            }
            if (longLines.length() > 0) {
                sb.append(longLines).append('\n');
            }
        } else {
            final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                sb.append(pad(indent + 2)).append(quote(e.getKey())).append(": ");
                value(e.getValue(), indent + 2, sb);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
        }
        sb.append(pad(indent)).append('}');
    }

    private static void array(JsonNode node, int indent, StringBuilder sb) {
        if (node.isEmpty()) {
            sb.append("[]");
            return;
        }
        final String inline = inline(node);
        if (inline != null && inline.length() + indent <= LINE) {
            sb.append(inline);
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < node.size(); i++) {
            sb.append(pad(indent + 2));
            value(node.get(i), indent + 2, sb);
            sb.append(i + 1 < node.size() ? ",\n" : "\n");
        }
        sb.append(pad(indent)).append(']');
    }

    /** @return the node on one line when it holds only scalars (and arrays of scalars), else null */
    private static String inline(JsonNode node) {
        final StringBuilder sb = new StringBuilder();
        if (node.isObject()) {
            sb.append('{');
            final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode()) {
                    return null;
                }
                sb.append(quote(e.getKey())).append(": ").append(scalar(e.getValue())).append(it.hasNext() ? ", " : "");
            }
            return sb.append('}').toString();
        }
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
            final JsonNode v = node.get(i);
            if (v.isObject()) {
                return null;
            }
            final String s = v.isArray() ? inline(v) : scalar(v);
            if (s == null) {
                return null;
            }
            sb.append(s).append(i + 1 < node.size() ? ", " : "");
        }
        return sb.append(']').toString();
    }

    private static boolean allScalars(JsonNode node) {
        final Iterator<JsonNode> it = node.elements();
        while (it.hasNext()) {
            if (it.next().isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static String scalar(JsonNode v) {
        if (v.isTextual()) {
            return quote(v.asText());
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.asText() : number(v.doubleValue());
        }
        return v.toString();
    }

    /**
     * @return {@code v} as a JSON number that reads back as the same double: whole numbers below
     *         1e7 as integers, others as Java's shortest round-trip representation with a lower-case
     *         exponent and no {@code .0} before it ({@code 1e11}, {@code 2.5e-7}, {@code 0.53})
     */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        final int e = s.indexOf('E');
        if (e >= 0) {
            String mantissa = s.substring(0, e);
            if (mantissa.endsWith(".0")) {
                mantissa = mantissa.substring(0, mantissa.length() - 2);
            }
            s = mantissa + "e" + s.substring(e + 1);
        }
        return s;
    }

    private static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    private static String pad(int n) {
        return " ".repeat(n);
    }
}
