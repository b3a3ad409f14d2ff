package org.vtrial.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU time went, from the execution samples of a JDK Flight Recorder file (the JVM samples
 * the stack of every running Java thread every 10-20 ms): the share of samples per role of the code
 * on top of the stack (integrator, model equations, endpoints, sampling, job rows, Spark, Parquet and
 * compression, the rest), then the methods with the most samples on top ("self") and anywhere on the
 * stack ("total"). Native time (zstd's compressor, for one) is not sampled as Java frames.
 */
final class ProfileSummary {

    /** Roles by package prefix, first match wins; the order is the table's. */
    private static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("org.vtrial.engine.ode.", "integrator (org.vtrial.engine.ode)");
        ROLES.put("org.vtrial.engine.model.", "model equations and events (org.vtrial.engine.model)");
        ROLES.put("org.vtrial.engine.endpoint.", "endpoints (org.vtrial.engine.endpoint)");
        ROLES.put("org.vtrial.engine.sampling.", "population sampling (org.vtrial.engine.sampling)");
        ROLES.put("org.vtrial.engine.", "engine, other (kernel, schedule, rows)");
        ROLES.put("org.vtrial.", "job and command line (org.vtrial.spark, org.vtrial.cli)");
        ROLES.put("org.apache.parquet.", "Parquet and compression");
        ROLES.put("com.github.luben.", "Parquet and compression");
        ROLES.put("org.apache.spark.", "Spark (and Scala)");
        ROLES.put("scala.", "Spark (and Scala)");
    }

    private static final String OTHER = "JDK and other libraries";

    private ProfileSummary() {
    }

    /**
     * @param recording a JFR file
     * @param top       methods listed per ranking
     * @return the summary as printable text
     * @throws IOException if the file cannot be read as a recording
     */
    static String of(Path recording, int top) throws IOException {
        final Map<String, Long> byRole = new LinkedHashMap<>();
        for (String role : ROLES.values()) {
            byRole.put(role, 0L);
        }
        byRole.put(OTHER, 0L);
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> total = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                final RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                final RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                final List<RecordedFrame> frames = stack.getFrames();
                final String topMethod = name(frames.get(0));
                self.merge(topMethod, 1L, Long::sum);
                byRole.merge(role(topMethod), 1L, Long::sum);
                final Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    final String m = name(f);
                    if (seen.add(m)) {
                        total.merge(m, 1L, Long::sum);
                    }
                }
            }
        }
        final StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "profile: %,d execution samples of running Java threads in %s%n",
                samples, recording));
        if (samples == 0) {
            return s.toString();
        }
        if (!debugNonSafepoints()) {
            s.append("note: without -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints (bin/vtrial adds them with\n"
                    + "--profile) samples inside inlined code are attributed to the nearest safepoint: approximate\n");
        }
        s.append("share of samples by the role of the method on top of the stack:\n");
        for (Map.Entry<String, Long> r : byRole.entrySet()) {
            s.append(String.format(Locale.ROOT, "  %6.1f%%  %s%n", 100.0 * r.getValue() / samples, r.getKey()));
        }
        s.append(String.format(Locale.ROOT, "top %d methods, self (on top of the stack):%n", top));
        appendTop(s, self, samples, top);
        s.append(String.format(Locale.ROOT, "top %d methods of this project, total (anywhere on the stack):%n", top));
        final Map<String, Long> ours = new HashMap<>();
        total.forEach((m, n) -> {
            if (m.startsWith("org.vtrial.")) {
                ours.put(m, n);
            }
        });
        appendTop(s, ours, samples, top);
        return s.toString();
    }

    private static void appendTop(StringBuilder s, Map<String, Long> counts, long samples, int top) {
        final List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; i < Math.min(top, entries.size()); i++) {
            s.append(String.format(Locale.ROOT, "  %6.1f%%  %s%n", 100.0 * entries.get(i).getValue() / samples,
                    entries.get(i).getKey()));
        }
    }

    /** @return whether this JVM records debug information between safepoints (exact attribution of inlined code) */
    private static boolean debugNonSafepoints() {
        try {
            final com.sun.management.HotSpotDiagnosticMXBean hotspot = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Boolean.parseBoolean(hotspot.getVMOption("DebugNonSafepoints").getValue());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return the role of a method by its class's package ({@value #OTHER} when none matches) */
    static String role(String method) {
        for (Map.Entry<String, String> r : ROLES.entrySet()) {
            if (method.startsWith(r.getKey())) {
                return r.getValue();
            }
        }
        return OTHER;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
