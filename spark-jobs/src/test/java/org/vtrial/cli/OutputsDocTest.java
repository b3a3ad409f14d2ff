package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.trial.TrialSnapshot;

/** docs/OUTPUTS.md documents every column of the patient table, exactly as the job declares it. */
class OutputsDocTest {

    @Test
    void everyPatientColumnOfTheQuickstartIsDocumentedWithItsTypeAndUnit() throws Exception {
        final StringWriter table = new StringWriter();
        SchemaCommand.print(TrialSnapshot.capture(Path.of("..", "conf", "quickstart.json"), null, null).create(),
                new PrintWriter(table));
        final String doc = Files.readString(Path.of("..", "docs", "OUTPUTS.md"));
        for (String line : table.toString().split("\\R")) {
            assertTrue(doc.contains(line), "docs/OUTPUTS.md lacks the line: " + line
                    + " (regenerate with bin/vtrial schema conf/quickstart.json)");
        }
    }
}
