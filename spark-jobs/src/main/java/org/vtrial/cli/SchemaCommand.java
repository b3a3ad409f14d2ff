package org.vtrial.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.sql.types.StructField;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.trial.TrialSnapshot;
import org.vtrial.spark.RowSchema;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial schema}: the patient table a trial produces, as a Markdown table (name, Parquet type,
 * unit, meaning), derived from the declarations exactly as the simulation job derives it.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the columns of a trial's patient table (name, type, unit, meaning) as Markdown.")
public final class SchemaCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRIAL.json", description = "trial file")
    Path trialFile;

    @Override
    public Integer call() throws Exception {
        final PatientKernel kernel = TrialSnapshot.capture(trialFile, null, null).create();
        print(kernel, spec.commandLine().getOut());
        return 0;
    }

    /** Prints the Markdown table of the patient rows of {@code kernel}. */
    static void print(PatientKernel kernel, PrintWriter out) {
        out.println("| column | type | unit | meaning |");
        out.println("|---|---|---|---|");
        for (StructField f : RowSchema.patients(kernel.columns()).fields()) {
            final String unit = f.metadata().contains("unit") ? f.metadata().getString("unit") : "-";
            String meaning = f.metadata().contains("comment") ? f.metadata().getString("comment") : "";
            for (ColumnSpec c : kernel.columns()) {
                if (c.name().equals(f.name()) && !c.labels().isEmpty()) {
                    meaning += " (" + String.join(", ", c.labels()) + ")";
                }
            }
            out.printf("| `%s` | %s | %s | %s |%n", f.name(), f.dataType().simpleString(), unit,
                    meaning.replace("|", "\\|"));
        }
        out.flush();
    }
}
