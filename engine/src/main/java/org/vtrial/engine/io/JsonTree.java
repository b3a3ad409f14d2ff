package org.vtrial.engine.io;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A JSON document read into a tree whose every node knows its JSON path, line and column, so that
 * validation can report all problems of a file at once, each where it is.
 *
 * <p>Reading is strict about syntax (no comments, no single quotes, no trailing commas: a syntax
 * error ends reading with one problem at its position) but lexically accepts what strict
 * validation then rejects with a precise message: duplicate keys (all reported, the first value
 * kept), {@code NaN}/{@code Infinity} and numbers that overflow a double (kept as
 * non-finite numbers for the validator to reject where it knows the field), trailing content.
 */
public final class JsonTree {

    /** Kind of a JSON value. */
    public enum Kind {
        OBJECT, ARRAY, STRING, INTEGER, FLOAT, BOOLEAN, NULL;

        /** @return "an object", "a string", ... for messages */
        public String article() {
            switch (this) {
                case OBJECT: return "an object";
                case ARRAY: return "an array";
                case STRING: return "a string";
                case INTEGER: return "an integer";
                case FLOAT: return "a floating-point number";
                case BOOLEAN: return "a boolean";
                default: return "null";
            }
        }
    }

    /**
     * One value of the document.
     *
     * @param kind    JSON kind
     * @param path    JSON path from the root, e.g. {@code $.arms[1].doses[0].cells}
     * @param line    line of the value's first character (1-based)
     * @param column  column of the value's first character (1-based)
     * @param text    literal text of a scalar (the string's content, the number as written), else null
     * @param fields  members of an object in document order (empty otherwise)
     * @param items   elements of an array (empty otherwise)
     * @param keyLine line of the key naming this value inside its object (0 at the root or in arrays)
     * @param keyColumn column of that key
     */
    public record Node(Kind kind, String path, int line, int column, String text, Map<String, Node> fields,
                       List<Node> items, int keyLine, int keyColumn) {

        /** Freezes the children. */
        public Node {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            items = List.copyOf(items);
        }

        /** @return the member {@code name} of an object, or null */
        public Node get(String name) {
            return fields.get(name);
        }

        /** @return true for a number (integer or floating-point literal) */
        public boolean isNumber() {
            return kind == Kind.INTEGER || kind == Kind.FLOAT;
        }

        /**
         * @return the number's value as a double: infinite when the literal overflows a double, NaN
         *         for the literal {@code NaN}
         */
        public double doubleValue() {
            if ("NaN".equals(text)) {
                return Double.NaN;
            }
            if ("Infinity".equals(text) || "+Infinity".equals(text) || "+INF".equals(text) || "INF".equals(text)) {
                return Double.POSITIVE_INFINITY;
            }
            if ("-Infinity".equals(text) || "-INF".equals(text)) {
                return Double.NEGATIVE_INFINITY;
            }
            return Double.parseDouble(text);
        }

        /** @return the integer literal as a BigInteger (only for {@link Kind#INTEGER}) */
        public BigInteger integerValue() {
            return new BigInteger(text);
        }

        /** @return "line:column" of the value */
        public String where() {
            return line + ":" + column;
        }

        /** @return "line:column" of the key naming this value, or of the value when it has none */
        public String keyWhere() {
            return keyLine > 0 ? keyLine + ":" + keyColumn : where();
        }

        /** @return a short description of the value for messages: its literal or its kind */
        public String describe() {
            switch (kind) {
                case STRING: return "the string \"" + abbreviate(text) + "\"";
                case INTEGER: case FLOAT: return abbreviate(text);
                case BOOLEAN: return text;
                case NULL: return "null";
                default: return kind.article();
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
    }

    private JsonTree() {
    }

    /**
     * Reads a JSON file. Problems (syntax, duplicate keys, trailing content, unreadable file) go to
     * {@code problems}; the tree is returned as far as it could be read.
     *
     * @return the root, or null when the file could not be read or parsed at all
     */
    public static Node read(Path file, InputProblems problems) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader, problems);
        } catch (NoSuchFileException e) {
            problems.addFile("no such file");
            return null;
        } catch (IOException e) {
            problems.addFile("cannot read: " + e.getMessage());
            return null;
        }
    }

    /** Reads a JSON document from {@code reader}; see {@link #read(Path, InputProblems)}. */
    public static Node read(Reader reader, InputProblems problems) throws IOException {
        try (JsonParser parser = StrictJson.locatingParser(reader)) {
            final JsonToken first = parser.nextToken();
            if (first == null) {
                problems.addFile("empty file: expected a JSON object");
                return null;
            }
            final Node root = value(parser, "$", 0, 0, problems);
            final JsonToken after = parser.nextToken();
            if (after != null) {
                final JsonLocation at = parser.currentTokenLocation();
                problems.add(at.getLineNr(), at.getColumnNr(), "$", "trailing content after the JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            problems.add(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), null,
                    "invalid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static Node value(JsonParser parser, String path, int keyLine, int keyColumn, InputProblems problems)
            throws IOException {
        final JsonLocation at = parser.currentTokenLocation();
        final int line = at.getLineNr();
        final int column = at.getColumnNr();
        final JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                final Map<String, Node> fields = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    final String name = parser.currentName();
                    final JsonLocation keyAt = parser.currentTokenLocation();
                    parser.nextToken();
                    final Node child = value(parser, childPath(path, name), keyAt.getLineNr(), keyAt.getColumnNr(),
                            problems);
                    final Node previous = fields.get(name);
                    if (previous != null) {
                        problems.add(keyAt.getLineNr(), keyAt.getColumnNr(), child.path(),
                                "duplicate key '" + name + "' (first given at " + previous.keyWhere() + ")");
                    } else {
                        fields.put(name, child);
                    }
                }
                return new Node(Kind.OBJECT, path, line, column, null, fields, List.of(), keyLine, keyColumn);
            }
            case START_ARRAY: {
                final List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser, path + "[" + items.size() + "]", 0, 0, problems));
                }
                return new Node(Kind.ARRAY, path, line, column, null, Map.of(), items, keyLine, keyColumn);
            }
            case VALUE_STRING:
                return scalar(Kind.STRING, parser.getText(), path, line, column, keyLine, keyColumn);
            case VALUE_NUMBER_INT:
                return scalar(Kind.INTEGER, parser.getText(), path, line, column, keyLine, keyColumn);
            case VALUE_NUMBER_FLOAT:
                return scalar(Kind.FLOAT, parser.getText(), path, line, column, keyLine, keyColumn);
            case VALUE_TRUE: case VALUE_FALSE:
                return scalar(Kind.BOOLEAN, parser.getText(), path, line, column, keyLine, keyColumn);
            case VALUE_NULL:
                return scalar(Kind.NULL, "null", path, line, column, keyLine, keyColumn);
            default:
                throw new IllegalStateException("unexpected token " + token);
        }
    }

    private static Node scalar(Kind kind, String text, String path, int line, int column, int keyLine, int keyColumn) {
        return new Node(kind, path, line, column, text, Map.of(), List.of(), keyLine, keyColumn);
    }

    /** @return the JSON path of member {@code name} of the object at {@code path} */
    public static String childPath(String path, String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return path + "." + name;
        }
        return path + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
