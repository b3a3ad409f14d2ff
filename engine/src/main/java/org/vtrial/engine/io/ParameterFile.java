package org.vtrial.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.ParameterSpec;

/**
 * A flat JSON object of parameter values, {@code {"r": 0.1, "growth": "logistic"}}: numbers for real
 * parameters, labels for choices. Every problem is reported with the file, the JSON path, line and
 * column, all at once.
 */
public final class ParameterFile {

    private ParameterFile() {
    }

    /**
     * Reads {@code file} into {@code p} (values present override what {@code p} holds).
     *
     * @throws BadInputException listing every problem found
     */
    public static void read(Path file, ParameterSpace space, double[] p) throws BadInputException {
        final List<String> problems = new ArrayList<>();
        final String name = file.toString();
        try (JsonParser parser = StrictJson.mapper().createParser(Files.newBufferedReader(file))) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw new BadInputException(List.of(name + ":" + where(parser.currentTokenLocation())
                        + ": expected a JSON object of parameter values"));
            }
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                final String field = parser.currentName();
                final JsonLocation at = parser.currentTokenLocation();
                final JsonToken value = parser.nextToken();
                final String prefix = name + ":" + where(at) + ": $." + field + ": ";
                final int index = space.indexOf(field);
                if (index < 0) {
                    problems.add(prefix + "unknown parameter; known: " + String.join(", ", space.names()));
                    parser.skipChildren();
                    continue;
                }
                final ParameterSpec spec = space.get(index);
                try {
                    if (spec.isChoice()) {
                        if (value != JsonToken.VALUE_STRING) {
                            problems.add(prefix + "expected one of " + spec.choices() + " as a string");
                            parser.skipChildren();
                            continue;
                        }
                        p[index] = spec.parse(parser.getText());
                    } else {
                        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                            problems.add(prefix + "expected a number, got " + describe(value));
                            parser.skipChildren();
                            continue;
                        }
                        final double v = parser.getDoubleValue();
                        if (Double.isInfinite(v)) {
                            problems.add(prefix + "number overflows a double");
                            continue;
                        }
                        p[index] = spec.checked(v);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(prefix + e.getMessage());
                }
            }
            if (parser.nextToken() != null) {
                problems.add(name + ":" + where(parser.currentTokenLocation()) + ": trailing content after the object");
            }
        } catch (JsonProcessingException e) {
            problems.add(name + ":" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add(name + ": cannot read: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case VALUE_STRING: return "a string";
            case VALUE_NULL: return "null";
            case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            default: return token.toString();
        }
    }

    /** @return "line L, column C" of a location */
    public static String where(JsonLocation location) {
        if (location == null) {
            return "?";
        }
        return location.getLineNr() + ":" + location.getColumnNr();
    }
}
