package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ForklessLocalFileSystem} sets the permissions Hadoop asks for, without child processes. The
 * process count comes from the JDK Flight Recorder's {@code jdk.ProcessStart} events, recorded around
 * the same folder and file operations done through the stock {@link LocalFileSystem} (which must start
 * processes here, or the comparison proves nothing) and through ours.
 */
class ForklessLocalFileSystemTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void permissionsAsPosixFlags() {
        // octal modes by hand: 0755 = rwxr-xr-x, 0644 = rw-r--r--, 0640 = rw-r-----, 0 = ---------
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), ForklessLocalFileSystem.posix(new FsPermission((short) 0755)));
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), ForklessLocalFileSystem.posix(new FsPermission((short) 0644)));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), ForklessLocalFileSystem.posix(new FsPermission((short) 0640)));
        assertEquals(PosixFilePermissions.fromString("---------"), ForklessLocalFileSystem.posix(new FsPermission((short) 0)));
        // the sticky bit has no java.nio flag: Hadoop's own code handles it
        assertNull(ForklessLocalFileSystem.posix(new FsPermission((short) 01777)));
    }

    @Test
    void setsTheSamePermissionsWithoutChildProcesses() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        assumeFalse(NativeIO.isAvailable(), "Hadoop's native library is loaded: neither file system forks");

        final LocalFileSystem stock = new LocalFileSystem();
        stock.initialize(java.net.URI.create("file:///"), new Configuration(false));
        final ForklessLocalFileSystem ours = new ForklessLocalFileSystem();
        ours.initialize(java.net.URI.create("file:///"), new Configuration(false));

        final long stockForks = processesStartedBy(() -> touch(stock, tmp.resolve("stock")));
        final long ourForks = processesStartedBy(() -> touch(ours, tmp.resolve("ours")));
        assertTrue(stockForks >= 3, "the stock local file system started " + stockForks + " processes");
        assertEquals(0, ourForks);

        for (String root : List.of("stock", "ours")) {
            assertEquals("rwxr-x---", mode(tmp.resolve(root).resolve("a/b")), root);
            assertEquals("rw-r-----", mode(tmp.resolve(root).resolve("a/b/f.txt")), root);
            assertEquals("hello", Files.readString(tmp.resolve(root).resolve("a/b/f.txt")), root);
        }
    }

    @Test
    void theSessionUsesItForLocalPaths() throws IOException {
        final SparkSession spark = SparkTestSupport.spark();
        final Configuration conf = spark.sparkContext().hadoopConfiguration();
        assertInstanceOf(ForklessLocalFileSystem.class, FileSystem.get(java.net.URI.create("file:///"), conf));
        assertEquals(ForklessLocalFileSystem.class.getName(), spark.conf().get(Sessions.LOCAL_FILE_SYSTEM));
    }

    /** Folders with mode 0750, a file with 0640: what Spark's committer and writer do. */
    private static void touch(FileSystem fs, java.nio.file.Path root) throws IOException {
        final Path dir = new Path(root.resolve("a/b").toUri());
        assertTrue(fs.mkdirs(dir, new FsPermission((short) 0750)));
        fs.setPermission(dir, new FsPermission((short) 0750));
        final Path file = new Path(dir, "f.txt");
        try (OutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        fs.setPermission(file, new FsPermission((short) 0640));
    }

    private static String mode(java.nio.file.Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private long processesStartedBy(IoAction action) throws Exception {
        final java.nio.file.Path jfr = Files.createTempFile(tmp, "fs", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ProcessStart");
            recording.start();
            action.run();
            recording.stop();
            recording.dump(jfr);
        }
        long n = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("jdk.ProcessStart")) {
                n++;
            }
        }
        return n;
    }
}
