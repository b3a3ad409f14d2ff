package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vtrial validation-card}: writes DIR/&lt;cohort&gt;.md, and {@code --check} exits
 * {@value ValidationCardCommand#EXIT_STALE} when a card is missing or edited, 0 when it is what the
 * command writes. The committed cards themselves are checked by ValidationCardsTest (engine).
 */
class ValidationCardCommandTest {

    private static int run(StringWriter out, String... args) {
        return VTrial.execute(args, new PrintWriter(out), new PrintWriter(out));
    }

    @Test
    void writesTheCardAndCheckTellsAStaleOne(@TempDir Path dir) throws Exception {
        final String file = Path.of("..", "conf", "calibration-lbcl-juliet.json").toString();
        final Path card = dir.resolve("lbcl-tisagenlecleucel-like.md");
        StringWriter out = new StringWriter();
        assertEquals(ValidationCardCommand.EXIT_STALE,
                run(out, "validation-card", file, "--dir", dir.toString(), "--patients", "200", "--check"), out.toString());
        assertTrue(out.toString().contains("differs: " + card), out.toString());

        out = new StringWriter();
        assertEquals(0, run(out, "validation-card", file, "--dir", dir.toString(), "--patients", "200"), out.toString());
        final String text = Files.readString(card, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# Validation card: lbcl-tisagenlecleucel-like\n"), text);
        assertTrue(text.contains("`bin/vtrial validation-card ") && text.contains("--patients 200`"), text);
        assertTrue(text.contains("| patients | 200 per arm: patients 0 to 199 of replicate 0"), text);
        // Wilson score interval of 52% of 93 by hand: (48.36 + 1.921 ± 1.96 sqrt(48.36 * 44.64 / 93 + 0.9604)) / 96.84 = [0.4197, 0.6187]
        assertTrue(text.contains("| orr | calibrated | `orr` | 52.0% | 42.0% to 61.9% | Wilson score, n = 93 |"), text);

        out = new StringWriter();
        assertEquals(0, run(out, "validation-card", file, "--dir", dir.toString(), "--patients", "200", "--check"), out.toString());
        Files.writeString(card, text.replace("52.0%", "53.0%"), StandardCharsets.UTF_8);
        out = new StringWriter();
        assertEquals(ValidationCardCommand.EXIT_STALE,
                run(out, "validation-card", file, "--dir", dir.toString(), "--patients", "200", "--check"), out.toString());
    }
}
