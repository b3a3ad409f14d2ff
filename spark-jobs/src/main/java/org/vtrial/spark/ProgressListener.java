package org.vtrial.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Patient-level progress on the terminal (patients done / total, rate, ETA), driven by the records
 * that finished tasks wrote. Prints nothing when the output is not a terminal.
 */
final class ProgressListener extends SparkListener {

    private final long total;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile boolean active = true;

    ProgressListener(long total, PrintStream out) {
        this.total = total;
        this.out = out;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (!active || taskEnd.taskMetrics() == null || !"Success".equals(String.valueOf(taskEnd.reason()))) {
            return;
        }
        final long written = taskEnd.taskMetrics().outputMetrics().recordsWritten();
        if (written <= 0) {
            return;
        }
        final long now = Math.min(total, done.addAndGet(written));
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        final double rate = now / Math.max(seconds, 1e-9);
        final double eta = (total - now) / Math.max(rate, 1e-9);
        final int width = 30;
        final int filled = (int) (width * now / Math.max(1, total));
        out.printf(Locale.ROOT, "\r[%s%s] %,d / %,d patients  %,.0f patients/s  ETA %.0f s   ",
                "#".repeat(filled), " ".repeat(width - filled), now, total, rate, eta);
        out.flush();
    }

    void finish() {
        if (active) {
            active = false;
            out.println();
        }
    }
}
