package org.vtrial.engine.trial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The project's shipped input files, found from the module folder the tests run in. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    /** @return the project root: the nearest folder upwards holding cohorts/ and docs/schemas/ */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("cohorts")) && Files.isDirectory(p.resolve("docs/schemas"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("project root (with cohorts/ and docs/schemas/) not found above "
                + Path.of("").toAbsolutePath());
    }

    /** @return the .json files of a project folder, sorted */
    static List<Path> json(String folder) {
        try (Stream<Path> s = Files.list(root().resolve(folder))) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
