package org.vtrial.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Apache ECharts, read from its WebJar ({@code org.webjars.npm:echarts}) on the classpath, for
 * inlining into the report: the page then needs no network.
 *
 * @param version ECharts version (from the WebJar's Maven properties)
 * @param script  {@code dist/echarts.min.js}, with its Apache-2.0 header
 */
record EchartsAsset(String version, String script) {

    private static final String PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    /**
     * @throws IOException when the WebJar is not on the classpath, or its script could end the HTML
     *                     script element it is inlined into
     */
    static EchartsAsset load() throws IOException {
        final ClassLoader loader = EchartsAsset.class.getClassLoader();
        final Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new IOException("the ECharts WebJar (org.webjars.npm:echarts) is not on the classpath: "
                        + PROPERTIES + " not found");
            }
            p.load(in);
        }
        final String version = p.getProperty("version");
        final String path = "META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js";
        final String script;
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("the ECharts WebJar has no " + path);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Inside <script>, "</script" ends the element and "<!--" changes how the parser reads on.
        final String lower = script.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
            throw new IOException(path + " contains '</script' or '<!--' and cannot be inlined as is");
        }
        return new EchartsAsset(version, script);
    }
}
