package org.vtrial.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system (with its checksum files, as {@link LocalFileSystem}) that sets
 * permissions through {@code java.nio} instead of starting a {@code chmod} process.
 *
 * <p>Why: without Hadoop's native library (not shipped in the jars Spark depends on),
 * {@link RawLocalFileSystem#setPermission} runs {@code chmod} in a child process, and Spark's writer
 * sets permissions on every folder and file it creates (17 processes per run of this project: the
 * staging folders, the committer's {@code _temporary} folders, each task's attempt folder and Parquet
 * file, their checksum files, {@code _SUCCESS}, the manifest). Forking a JVM with a large heap costs
 * 5-10 ms each; measured 2026-11-27 with the JDK Flight Recorder's process events, about 0.1-0.15 s of
 * a 10^4-patient run's ~2 s, a third of it before the tasks start. {@code Files.setPosixFilePermissions}
 * does the same {@code chmod(2)} in-process. Where the native library is loaded, or the file system is
 * not POSIX, or the permission carries a bit {@code java.nio} cannot express (sticky), Hadoop's own
 * code runs as before.
 *
 * <p>{@link Sessions} installs it for the {@code file} scheme ({@code spark.hadoop.fs.file.impl})
 * unless the user configured that key.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {

    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    /** The raw (checksum-free) layer underneath, where the permission calls land. */
    static final class Raw extends RawLocalFileSystem {

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            final Set<PosixFilePermission> posix = NativeIO.isAvailable() ? null : posix(permission);
            if (posix == null) {
                super.setPermission(p, permission);
                return;
            }
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), posix);
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(p, permission);
            }
        }
    }

    /**
     * @return the permission as {@code java.nio} flags, or null when it has a bit they cannot express
     *         (the sticky bit)
     */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        if (permission.getStickyBit()) {
            return null;
        }
        final Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        add(set, permission.getUserAction(),
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        add(set, permission.getGroupAction(),
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
        add(set, permission.getOtherAction(),
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        return set;
    }

    private static void add(Set<PosixFilePermission> set, FsAction action, PosixFilePermission read,
                            PosixFilePermission write, PosixFilePermission execute) {
        if (action.implies(FsAction.READ)) {
            set.add(read);
        }
        if (action.implies(FsAction.WRITE)) {
            set.add(write);
        }
        if (action.implies(FsAction.EXECUTE)) {
            set.add(execute);
        }
    }
}
