package org.vtrial.engine.io;

import java.io.IOException;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson configured strictly for input files: duplicate keys, trailing content, unknown fields,
 * {@code null} for primitives, floats where integers belong, numeric strings and
 * {@code NaN}/{@code Infinity} are all rejected; parse errors carry line and column.
 */
public final class StrictJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /**
     * Factory of {@link #locatingParser}: syntax as strict as {@link #mapper()}, but duplicate keys
     * and {@code NaN}/{@code Infinity} pass the lexer so that {@link JsonTree} can report each of
     * them with its JSON path instead of stopping at the first.
     */
    private static final JsonFactory LOCATING = JsonFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private StrictJson() {
    }

    /** @return the shared strict mapper (thread-safe) */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * @return a streaming parser for {@link JsonTree}: standard JSON syntax only (no comments,
     *         quotes or trailing commas), with duplicate keys and non-finite literals left to the
     *         tree's validation
     */
    public static JsonParser locatingParser(Reader reader) throws IOException {
        return LOCATING.createParser(reader);
    }
}
