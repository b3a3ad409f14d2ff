package org.vtrial.spark;

import java.io.IOException;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Publishes a run atomically: everything is written under a hidden temporary sibling of the run
 * directory and only a complete, verified run is renamed into place. An existing run is kept until
 * the new one is complete (then replaced, only with overwrite). Works on any Hadoop filesystem
 * (local, HDFS, object stores with atomic directory rename semantics documented in docs/OUTPUTS.md).
 */
public final class RunPublisher {

    private final FileSystem fs;
    private final Path target;
    private final Path staging;

    private RunPublisher(FileSystem fs, Path target) {
        this.fs = fs;
        this.target = target;
        this.staging = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    }

    /**
     * Prepares publishing to {@code target}.
     *
     * @param overwrite whether an existing run may be replaced (once the new one is complete)
     * @throws RunExistsException if the run exists and overwrite is false
     */
    public static RunPublisher prepare(Configuration conf, String target, boolean overwrite) throws IOException {
        final Path path = new Path(target);
        final FileSystem fs = path.getFileSystem(conf);
        final Path qualified = fs.makeQualified(path);
        if (fs.exists(qualified) && !overwrite) {
            throw new RunExistsException("run " + target + " exists; use --overwrite to replace it "
                    + "(the old run is kept until the new one is complete)");
        }
        return new RunPublisher(fs, qualified);
    }

    /** @return the staging directory to write the run into */
    public String staging() {
        return staging.toString();
    }

    /** @return the final run directory */
    public String target() {
        return target.toString();
    }

    /**
     * Moves the staged run into place; with an existing run, renames it aside first and deletes it
     * only after the new run is in place (restoring it if the move fails).
     */
    public void publish(boolean overwrite) throws IOException {
        Path aside = null;
        if (fs.exists(target)) {
            if (!overwrite) {
                throw new RunExistsException("run " + target + " appeared while simulating; not replaced");
            }
            aside = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
            if (!fs.rename(target, aside)) {
                throw new IOException("cannot move the old run " + target + " aside");
            }
        }
        if (!fs.rename(staging, target)) {
            if (aside != null) {
                fs.rename(aside, target);
            }
            throw new IOException("cannot move the new run into " + target);
        }
        if (aside != null) {
            fs.delete(aside, true);
        }
    }

    /** Deletes the staging directory (after a failure). */
    public void abandon() {
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            // Best effort: a hidden staging directory is never read as a run.
        }
    }

    /** The run exists and overwrite was not asked for. */
    public static final class RunExistsException extends IOException {
        private static final long serialVersionUID = 1L;

        RunExistsException(String message) {
            super(message);
        }
    }
}
