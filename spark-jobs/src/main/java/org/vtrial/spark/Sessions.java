package org.vtrial.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession: embedded {@code local[*]} unless a master is given or set by spark-submit;
 * local files through {@link ForklessLocalFileSystem} unless {@code spark.hadoop.fs.file.impl} is set.
 */
public final class Sessions {

    /** The Hadoop file system class for {@code file:} paths (see {@link ForklessLocalFileSystem}). */
    static final String LOCAL_FILE_SYSTEM = "spark.hadoop.fs.file.impl";

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
        final SparkConf given = new SparkConf();
        if (!given.contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
        }
        if (!given.contains(LOCAL_FILE_SYSTEM)) {
            builder.config(LOCAL_FILE_SYSTEM, ForklessLocalFileSystem.class.getName());
        }
        return builder
                .config("spark.sql.parquet.compression.codec", "zstd")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.debug.maxToStringFields", "1000")
                .getOrCreate();
    }
}
