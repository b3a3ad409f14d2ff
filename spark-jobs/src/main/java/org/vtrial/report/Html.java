package org.vtrial.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** HTML escaping and the report's number formats (rounded values of the tables, never new numbers). */
final class Html {

    private static final MathContext THREE = new MathContext(3);

    private Html() {
    }

    /** @return the text with {@code & < > " '} escaped, for element content and attribute values */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        final StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&#39;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    /** @return a proportion in percent with one decimal ("82.0%"), "–" when undefined */
    static String percent(double p) {
        return Double.isNaN(p) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }

    /** @return "82.0% (74.1–88.0)": a proportion with its 95% interval in percent */
    static String percentCi(double p, double lo, double hi) {
        if (Double.isNaN(p)) {
            return "–";
        }
        return percent(p) + " <span class=\"ci\">(" + fixed(100 * lo, 1) + "–" + fixed(100 * hi, 1) + ")</span>";
    }

    /** @return a signed difference in percentage points with its interval: "+4.0 pp (−1.9 to 9.8)" */
    static String pointsCi(double d, double lo, double hi) {
        if (Double.isNaN(d)) {
            return "–";
        }
        return signed(100 * d, 1) + " pp <span class=\"ci\">(" + signed(100 * lo, 1) + " to " + signed(100 * hi, 1)
                + ")</span>";
    }

    /** @return a median in days with its interval; "not reached" (NR) when undefined */
    static String daysCi(double v, double lo, double hi) {
        return notReached(v) + " <span class=\"ci\">(" + notReached(lo) + "–" + notReached(hi) + ")</span>";
    }

    private static String notReached(double v) {
        return Double.isNaN(v) ? "NR" : fixed(v, 0);
    }

    /** @return a ratio with two decimals and its interval */
    static String ratioCi(double v, double lo, double hi) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return fixed(v, 2) + " <span class=\"ci\">(" + fixed(lo, 2) + "–" + fixed(hi, 2) + ")</span>";
    }

    /** @return a p-value with two significant digits, "&lt;0.001" below a thousandth */
    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "–";
        }
        return p < 0.001 ? "&lt;0.001" : String.format(Locale.ROOT, "%.2g", p);
    }

    /** @return the number with fixed decimals ("–" when undefined; minus sign, not hyphen) */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v).replace('-', '−');
    }

    private static String signed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "–";
        }
        final String s = String.format(Locale.ROOT, "%+." + decimals + "f", v);
        return s.replace('-', '−');
    }

    /**
     * @return a count or concentration readably, to three significant digits: plainly from 0.01 to
     *         below 10,000 ("0.0562", "12.3", "1,140"), beyond in the "1.4 × 10<sup>8</sup>" form
     */
    static String quantity(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        final BigDecimal r = new BigDecimal(v).round(THREE);
        final double a = Math.abs(r.doubleValue());
        if (a >= 0.01 && a < 10_000) {
            final String plain = a >= 1000 ? String.format(Locale.ROOT, "%,d", r.longValue())
                    : r.stripTrailingZeros().toPlainString();
            return plain.replace('-', '−');
        }
        final int exp = r.precision() - r.scale() - 1;
        final String mant = r.movePointLeft(exp).stripTrailingZeros().toPlainString();
        return mant.replace('-', '−') + " × 10<sup>" + Integer.toString(exp).replace('-', '−') + "</sup>";
    }
}
