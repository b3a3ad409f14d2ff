package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** docs/OUTPUTS.md documents every summary table and column with the declared type and unit. */
class SummaryTablesDocTest {

    private static String docs() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/OUTPUTS.md"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "docs/OUTPUTS.md not found above the working directory");
        final String all = Files.readString(dir.resolve("docs/OUTPUTS.md"));
        final String heading = "## Summary tables (runs/NAME/summary/)";
        final int start = all.indexOf(heading);
        assertTrue(start >= 0, "heading " + heading);
        final int next = all.indexOf("\n## ", start + heading.length());
        return next < 0 ? all.substring(start) : all.substring(start, next);
    }

    private static String type(DataType t) {
        return t.equals(DataTypes.StringType) ? "string" : t.equals(DataTypes.IntegerType) ? "int32"
                : t.equals(DataTypes.LongType) ? "int64" : t.equals(DataTypes.DoubleType) ? "double" : "boolean";
    }

    @Test
    void everyTableAndColumnIsDocumentedWithItsTypeAndUnit() throws IOException {
        final String section = docs();
        for (SummaryTables.Table t : SummaryTables.ALL) {
            final String heading = "### `" + t.name() + "`";
            final int at = section.indexOf(heading);
            assertTrue(at >= 0, "no section " + heading);
            final List<String> documented = new ArrayList<>();
            boolean inTable = false;
            for (String line : section.substring(at + heading.length()).split("\n")) {
                if (line.startsWith("### ")) {
                    break;
                }
                if (line.startsWith("| column |")) {
                    inTable = true;
                } else if (inTable && line.startsWith("| `")) {
                    final String[] cells = line.split("\\|");
                    documented.add(cells[1].trim() + " " + cells[2].trim() + " " + cells[3].trim());
                }
            }
            final List<String> declared = new ArrayList<>();
            for (SummaryTables.Col c : t.columns()) {
                declared.add("`" + c.name() + "` " + type(c.type()) + " " + c.unit());
            }
            assertEquals(declared, documented, "columns of " + t.name() + " (name, type, unit, in order)");
        }
    }
}
