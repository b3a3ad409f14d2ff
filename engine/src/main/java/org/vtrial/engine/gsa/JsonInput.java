package org.vtrial.engine.gsa;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;

import org.vtrial.engine.io.ParameterFile;
import org.vtrial.engine.io.StrictJson;

/**
 * A JSON input file read strictly ({@link StrictJson}: duplicate keys, trailing content,
 * {@code NaN}/{@code Infinity} rejected) into a tree whose every value knows its JSON path and its
 * line and column, so that each problem is reported as {@code file:line:column: $.path: message}.
 * Problems are collected, never thrown one at a time.
 */
final class JsonInput {

    private final String file;
    private final Map<String, JsonLocation> locations = new HashMap<>();
    /** problems with their position (line, column; 0 when unknown), reported in file order */
    private final List<Problem> problems = new ArrayList<>();
    private final JsonNode root;

    private JsonInput(String file, String text) {
        this.file = file;
        JsonNode tree = null;
        try {
            tree = StrictJson.mapper().readTree(text);
            if (tree == null || tree.isMissingNode()) {
                tree = null;
                problems.add(new Problem(0, 0, file + ": empty file, expected a JSON object"));
            } else {
                locate(text);
            }
        } catch (JsonProcessingException e) {
            problems.add(new Problem(e.getLocation(), file + ":" + ParameterFile.where(e.getLocation()) + ": "
                    + e.getOriginalMessage()));
            tree = null;
        }
        this.root = tree;
    }

    /** Parses {@code text}; syntax errors become problems (see {@link #problems()}). */
    static JsonInput parse(String file, String text) {
        return new JsonInput(file, text);
    }

    /** Records the location of every value by its JSON pointer (field values at their key). */
    private void locate(String text) {
        try (JsonParser p = StrictJson.mapper().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                final JsonStreamContext ctx = p.getParsingContext();
                final String pointer;
                if (t == JsonToken.FIELD_NAME) {
                    pointer = ctx.pathAsPointer().toString();
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    pointer = ctx.getParent() == null ? "" : ctx.getParent().pathAsPointer().toString();
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                } else {
                    pointer = ctx.pathAsPointer().toString();
                }
                locations.putIfAbsent(pointer, p.currentTokenLocation());
            }
        } catch (IOException e) {
            // the tree was read from the same text: a failure here cannot happen; keep what we have
        }
    }

    /** @return the problems found so far (syntax and those reported through nodes), in file order */
    List<String> problems() {
        final List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        final List<String> out = new ArrayList<>();
        for (Problem p : sorted) {
            out.add(p.message);
        }
        return out;
    }

    /** A problem and where it is. */
    private record Problem(int line, int column, String message) {
        Problem(JsonLocation at, String message) {
            this(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), message);
        }
    }

    /** @return the root node (absent when the text did not parse) */
    Node root() {
        return new Node(null, root, "", "$");
    }

    /** A value of the file (possibly absent) with its path. */
    final class Node {
        private final Node parent;
        final JsonNode value;
        final String pointer;
        final String path;

        Node(Node parent, JsonNode value, String pointer, String path) {
            this.parent = parent;
            this.value = value;
            this.pointer = pointer;
            this.path = path;
        }

        boolean present() {
            return value != null && !value.isMissingNode();
        }

        Node field(String name) {
            final JsonNode v = value != null && value.isObject() ? value.get(name) : null;
            final String p = path.equals("$") || name.matches("[A-Za-z_][A-Za-z0-9_]*")
                    ? path + "." + name : path + "['" + name + "']";
            return new Node(this, v, pointer + "/" + name.replace("~", "~0").replace("/", "~1"), p);
        }

        Node element(int i) {
            final JsonNode v = value != null && value.isArray() ? value.get(i) : null;
            return new Node(this, v, pointer + "/" + i, path + "[" + i + "]");
        }

        /** @return number of problems reported so far in the whole file */
        int problemCount() {
            return problems.size();
        }

        int size() {
            return value == null ? 0 : value.size();
        }

        /** @return where this value is, or where its absence was noticed (its parent), or null */
        JsonLocation location() {
            for (Node n = this; n != null; n = n.parent) {
                final JsonLocation at = n.present() ? locations.get(n.pointer) : null;
                if (at != null) {
                    return at;
                }
            }
            return null;
        }

        void problem(String message) {
            final JsonLocation at = location();
            problems.add(new Problem(at, (at == null ? file : file + ":" + ParameterFile.where(at)) + ": " + path
                    + ": " + message));
        }

        /** Reports every field of this object not among {@code known}. */
        void only(Set<String> known) {
            if (value == null || !value.isObject()) {
                return;
            }
            final Iterator<String> names = value.fieldNames();
            while (names.hasNext()) {
                final String n = names.next();
                if (!known.contains(n)) {
                    field(n).problem("unknown field; known here: " + String.join(", ", known));
                }
            }
        }

        /** @return true for an object; reports a problem (missing or wrong type) otherwise */
        boolean object(boolean required) {
            if (!present()) {
                if (required) {
                    problem("required object is missing");
                }
                return false;
            }
            if (!value.isObject()) {
                problem("expected an object, got " + describe(value));
                return false;
            }
            return true;
        }

        /** @return true for a non-empty array; reports a problem otherwise */
        boolean array(boolean required) {
            if (!present()) {
                if (required) {
                    problem("required array is missing");
                }
                return false;
            }
            if (!value.isArray()) {
                problem("expected an array, got " + describe(value));
                return false;
            }
            return true;
        }

        /** @return the string, or null (reporting a problem when required or of the wrong type) */
        String string(boolean required) {
            if (!present()) {
                if (required) {
                    problem("required string is missing");
                }
                return null;
            }
            if (!value.isTextual()) {
                problem("expected a string, got " + describe(value));
                return null;
            }
            return value.textValue();
        }

        /** @return the number, or NaN (reporting a problem when required or not a finite number) */
        double number(boolean required) {
            if (!present()) {
                if (required) {
                    problem("required number is missing");
                }
                return Double.NaN;
            }
            if (!value.isNumber()) {
                problem("expected a number, got " + describe(value));
                return Double.NaN;
            }
            final double v = value.doubleValue();
            if (!Double.isFinite(v)) {
                problem("number overflows a double");
                return Double.NaN;
            }
            return v;
        }

        /** @return the whole number, or null (reporting a problem when required or not a whole number) */
        Long integer(boolean required) {
            if (!present()) {
                if (required) {
                    problem("required whole number is missing");
                }
                return null;
            }
            if (!value.isIntegralNumber()) {
                problem("expected a whole number, got " + describe(value));
                return null;
            }
            if (!value.canConvertToLong()) {
                problem("whole number out of the 64-bit range");
                return null;
            }
            return value.longValue();
        }
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isFloatingPointNumber()) {
            return "the fractional number " + v.asText();
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
