package org.vtrial.engine.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.sampling.Marginal;

/**
 * The published JSON Schemas (docs/schemas) against the shipped files, the test fixtures and some
 * bad documents, with an independent validator (networknt, draft 7); and the schemas' field lists
 * against the loaders'.
 */
class SchemaTest {

    private static Schema schema(String name) throws IOException {
        final String text = Files.readString(ProjectFiles.root().resolve("docs/schemas/" + name));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
    }

    private static List<Error> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON);
    }

    @Test
    void shippedFilesPassTheSchemas() throws IOException {
        final Schema cohort = schema("cohort.schema.json");
        final Schema trial = schema("trial.schema.json");
        final List<Path> cohorts = ProjectFiles.json("cohorts");
        final List<Path> trials = new ArrayList<>();
        for (Path p : ProjectFiles.json("conf")) {
            if (InputFiles.kindOf(p, new ArrayList<>()) == InputFiles.Kind.TRIAL) {
                trials.add(p);
            }
        }
        assertTrue(cohorts.size() >= 4, "cohorts: " + cohorts);
        assertTrue(trials.size() >= 4, "trials: " + trials);
        for (Path p : cohorts) {
            assertEquals(List.of(), errors(cohort, Files.readString(p)), p.toString());
        }
        for (Path p : trials) {
            assertEquals(List.of(), errors(trial, Files.readString(p)), p.toString());
        }
    }

    @Test
    void loaderFixturesPassTheSchemasAndBadDocumentsFail() throws IOException {
        final Schema cohort = schema("cohort.schema.json");
        final Schema trial = schema("trial.schema.json");
        assertEquals(List.of(), errors(cohort, Fixtures.COHORT));
        assertEquals(List.of(), errors(trial, Fixtures.TRIAL));
        final String[][] badCohorts = {
            {"\"model\": \"fake-cart\",", "\"model\": \"fake-cart\", \"modle\": 1,"},
            {", \"source\": \"s3\"}", "}"},
            {"\"cv\": 0.5", "\"cv\": \"preset\""},
            {"\"cv\": 0.5", "\"cv\": -0.5"},
            {"\"median\": 0.05, \"cv\": 0.5,", "\"median\": 0.05, \"cv\": 0.5, \"log_sd\": 0.2,"},
            {"\"distribution\": \"uniform\", \"min\": 0.5", "\"distribution\": \"uniform\", \"median\": 3, \"min\": 0.5"},
            {"[[1, 0.5], [0.5, 1]]", "[[1, 1.5], [1.5, 1]]"},
        };
        for (String[] b : badCohorts) {
            assertFalse(errors(cohort, Fixtures.replace(Fixtures.COHORT, b[0], b[1])).isEmpty(), b[1]);
        }
        final String[][] badTrials = {
            {"\"seed\": 12345,", "\"seed\": 12345.5,"},
            {"\"patients_per_arm\": 1000,", "\"patients_per_arm\": 100000001,"},
            {"{\"day\": 0, \"cells\": 1e8}", "{\"day\": 0, \"cells\": -1e8}"},
            {"\"horizon_days\": 365", "\"horizon_day\": 365"},
            {"\"source\": \"u2\"}", "\"factor\": {\"distribution\": \"fixed\", \"value\": 1}, \"source\": \"u2\"}"},
            {"\"count\": 5", "\"count\": 0"},
        };
        for (String[] b : badTrials) {
            assertFalse(errors(trial, Fixtures.replace(Fixtures.TRIAL, b[0], b[1])).isEmpty(), b[1]);
        }
    }

    @Test
    void schemaFamiliesHaveTheLoadersFields() throws IOException {
        final JsonNode defs = new ObjectMapper().readTree(
                Files.readString(ProjectFiles.root().resolve("docs/schemas/cohort.schema.json"))).get("definitions");
        final Set<String> fromSchema = new TreeSet<>();
        final Set<String> kinds = new TreeSet<>();
        for (String family : List.of("fixed", "normal", "lognormalMedianCv", "lognormalLog", "uniform", "logUniform")) {
            final JsonNode props = defs.get(family).get("properties");
            kinds.add(props.get("distribution").get("const").asText());
            for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
                fromSchema.add(it.next());
            }
        }
        final Set<String> fromLoader = new TreeSet<>(List.of("distribution", "source", "lower", "upper"));
        final Set<String> loaderKinds = new TreeSet<>();
        for (Marginal.Kind k : Marginal.Kind.values()) {
            fromLoader.addAll(DistributionSpec.fieldsOf(k));
            loaderKinds.add(k.label());
        }
        assertEquals(fromLoader, fromSchema);
        assertEquals(loaderKinds, kinds);
    }
}
