package org.vtrial.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession: embedded {@code local[*]} unless a master is given or set by spark-submit. */
public final class Sessions {

    private Sessions() {
    }

    /**
     * @param master master URL, or null to keep the one spark-submit set (or local[*] if none)
     * @return the session
     */
    public static SparkSession get(String master) {
        final SparkSession.Builder builder = SparkSession.builder().appName("vtrial");
        if (master != null) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        if (!new SparkConf().contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
        }
        return builder
                .config("spark.sql.parquet.compression.codec", "zstd")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.debug.maxToStringFields", "1000")
                .getOrCreate();
    }
}
