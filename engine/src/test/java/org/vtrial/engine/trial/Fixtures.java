package org.vtrial.engine.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A valid cohort and trial of the fake model, and helpers to write variants of them. */
final class Fixtures {

    static final String COHORT = """
            {
              "$schema": "../docs/schemas/cohort.schema.json",
              "name": "test-cohort",
              "description": "a cohort of the fake model",
              "model": "fake-cart",
              "provenance": {"population": "test population", "references": ["a paper"], "notes": "none"},
              "arm_defaults": {"preset": "4-1BB", "conditioning": "standard"},
              "parameters": {
                "r": {"distribution": "lognormal", "median": 0.05, "cv": 0.5, "source": "s1"},
                "rho": {"distribution": "lognormal", "median": "preset", "cv": 0.3, "source": "s2"},
                "k_A": {"distribution": "uniform", "min": 0.5, "max": 1.5, "source": "s3"},
                "Tpos0": {"distribution": "lognormal", "median": 5e10, "cv": 1.5, "lower": 1e9, "upper": 5e11, "source": "s4"},
                "growth": {"distribution": "fixed", "value": "gompertz", "source": "s5"},
                "t_LD": {"distribution": "fixed", "value": -7, "source": "s6"}
              },
              "correlation": {"parameters": ["r", "Tpos0"], "matrix": [[1, 0.5], [0.5, 1]]}
            }
            """;

    static final String TRIAL = """
            {
              "$schema": "../docs/schemas/trial.schema.json",
              "name": "test-trial",
              "description": "three arms",
              "cohort": "cohort.json",
              "seed": 12345,
              "patients_per_arm": 1000,
              "horizon_days": 365,
              "endpoint_settings": {"cr_threshold": 0.02},
              "reference_arm": "A",
              "trajectory_sample": 10,
              "arms": [
                {"name": "A", "preset": "CD28", "conditioning": "standard", "doses": [{"day": 0, "cells": 1e8}]},
                {"name": "B", "preset": "4-1BB", "doses": [{"day": 0, "cells": 5e7}, {"day": 7, "cells": 5e7}], "overrides": {"k_A": 2.0, "t_LD": -3}},
                {"name": "C", "preset": "CD28", "conditioning": "none"}
              ],
              "replicates": {"count": 5, "uncertainty": [
                {"parameter": "rho", "field": "median", "factor": {"distribution": "lognormal", "median": 1, "cv": 0.2}, "source": "u1"},
                {"parameter": "r", "field": "median", "value": {"distribution": "uniform", "min": 0.04, "max": 0.06}, "source": "u2"}
              ]}
            }
            """;

    private Fixtures() {
    }

    /** Writes {@code text} to {@code dir/name}. */
    static Path write(Path dir, String name, String text) throws IOException {
        final Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** @return {@code text} with {@code from} (which must occur exactly once) replaced by {@code to} */
    static String replace(String text, String from, String to) {
        final int i = text.indexOf(from);
        if (i < 0 || text.indexOf(from, i + 1) >= 0) {
            throw new IllegalArgumentException("'" + from + "' must occur exactly once");
        }
        return text.substring(0, i) + to + text.substring(i + from.length());
    }

    /** @return "line:column" (1-based) of the first occurrence of {@code needle} */
    static String position(String text, String needle) {
        final int i = text.indexOf(needle);
        if (i < 0) {
            throw new IllegalArgumentException("'" + needle + "' not found");
        }
        if (text.indexOf(needle, i + 1) >= 0) {
            throw new IllegalArgumentException("'" + needle + "' is not unique");
        }
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < i; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return line + ":" + (i - lineStart + 1);
    }
}
