package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile summary of {@code bench --profile}, on a recording whose answer is known: while it
 * runs, the only busy Java thread spends its time in {@link #spin}, so that method holds most samples
 * on top of the stack, and the role shares add up to 100%.
 */
class ProfileSummaryTest {

    private static double sink;

    /** A busy loop that the JIT cannot remove (its result is kept). */
    private static double spin(long nanos) {
        final long end = System.nanoTime() + nanos;
        double x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                x = x * 1.0000001 + 1e-9;
            }
        }
        return x;
    }

    @Test
    void theBusyMethodLeadsAndTheRolesAddUp(@TempDir Path dir) throws Exception {
        final Path file = dir.resolve("spin.jfr");
        try (Recording r = new Recording(Configuration.getConfiguration("profile"))) {
            r.start();
            sink += spin(1_500_000_000L);
            r.stop();
            r.dump(file);
        }
        final String summary = ProfileSummary.of(file, 5);
        final Matcher samples = Pattern.compile("profile: ([\\d,]+) execution samples").matcher(summary);
        assertTrue(samples.find(), summary);
        // 1.5 s at the 'profile' settings' 10-20 ms sampling period: about 75-150 samples
        assertTrue(Long.parseLong(samples.group(1).replace(",", "")) >= 30, summary);
        final Matcher self = Pattern.compile("self \\(on top of the stack\\):\\n\\s+([\\d.]+)%\\s+(\\S+)").matcher(summary);
        assertTrue(self.find(), summary);
        assertEquals(ProfileSummaryTest.class.getName() + ".spin", self.group(2), summary);
        assertTrue(Double.parseDouble(self.group(1)) > 50, summary);
        double sum = 0;
        final Matcher role = Pattern.compile("^\\s+([\\d.]+)%\\s+(?!org\\.|com\\.|java|jdk|sun)", Pattern.MULTILINE)
                .matcher(summary.substring(0, summary.indexOf("top 5 methods, self")));
        while (role.find()) {
            sum += Double.parseDouble(role.group(1));
        }
        assertEquals(100.0, sum, 0.6, summary); // 10 roles printed to 0.1%
        assertTrue(sink != 0);
    }

    @Test
    void rolesFollowThePackages() {
        assertEquals("integrator (org.vtrial.engine.ode)", ProfileSummary.role("org.vtrial.engine.ode.DormandPrince54.attempt"));
        assertEquals("model equations and events (org.vtrial.engine.model)",
                ProfileSummary.role("org.vtrial.engine.model.builtin.CartModel.derivatives"));
        assertEquals("Parquet and compression", ProfileSummary.role("org.apache.parquet.column.impl.ColumnWriterV1.write"));
        assertEquals("Spark (and Scala)", ProfileSummary.role("scala.collection.Iterator.foreach"));
        assertEquals("JDK and other libraries", ProfileSummary.role("java.util.HashMap.get"));
    }
}
