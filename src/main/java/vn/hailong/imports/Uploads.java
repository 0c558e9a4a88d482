package vn.hailong.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import vn.hailong.StartupException;

/**
 * Where uploaded files wait while they are imported: DATA_DIR/uploads/&lt;this process&gt;/, a folder each running
 * server locks for its life. At start-up the folders of servers no longer running (killed mid-upload) are
 * removed, and at most {@link #AT_ONCE} uploads are received and imported at once: more get 503.
 */
public final class Uploads implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    static final long MAX_FILE_BYTES = 1L << 30;
    /** Each import holds a file of up to 1 GB and a long transaction; imports take turns anyway. */
    static final int AT_ONCE = 2;
    private static final String LOCK = ".lock";

    private final Path folder;
    private final FileChannel lockChannel;
    private final Semaphore permits = new Semaphore(AT_ONCE);

    private Uploads(Path folder, FileChannel lockChannel) {
        this.folder = folder;
        this.lockChannel = lockChannel;
    }

    /** Removes what servers that died left in dataDir/uploads, and makes this server's folder there. */
    public static Uploads open(Path dataDir) {
        var root = dataDir.resolve("uploads");
        try {
            Files.createDirectories(root);
            try (var folders = Files.list(root)) {
                for (var left : folders.filter(Files::isDirectory).toList()) {
                    removeIfAbandoned(left);
                }
            }
            var folder = Files.createDirectory(root.resolve(UUID.randomUUID().toString()));
            var channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            return new Uploads(folder, channel);
        } catch (IOException e) {
            throw new StartupException("cannot use " + root.toAbsolutePath() + " for uploads: " + e.getMessage(), e);
        }
    }

    /** A received file and the permit it holds; closing deletes the file and frees the permit. */
    final class Upload implements AutoCloseable {
        final Path file;

        private Upload(Path file) {
            this.file = file;
        }

        @Override
        public void close() {
            delete(file);
            permits.release();
        }
    }

    /** The request's body in a file; 503 while {@link #AT_ONCE} others are under way, 413 past 1 GB. */
    Upload receive(Context ctx) {
        if (!permits.tryAcquire()) {
            ctx.header("Retry-After", "60");
            throw new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                    AT_ONCE + " files are being imported already; try again in a minute.", Map.of());
        }
        Path file = null;
        try {
            if (ctx.req().getContentLengthLong() > MAX_FILE_BYTES) {
                throw tooLarge();
            }
            file = Files.createTempFile(folder, "import-", ".upload");
            try (InputStream in = ctx.bodyInputStream(); var out = Files.newOutputStream(file)) {
                var buffer = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_FILE_BYTES) {
                        throw tooLarge();
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new Upload(file);
        } catch (IOException e) {
            cleanUp(file);
            throw new BadRequestResponse("The file could not be received: " + e.getMessage());
        } catch (RuntimeException e) {
            cleanUp(file);
            throw e;
        }
    }

    private void cleanUp(Path file) {
        if (file != null) {
            delete(file);
        }
        permits.release();
    }

    /** Lets go of this server's folder and removes it. */
    @Override
    public void close() {
        try {
            lockChannel.close();
        } catch (IOException e) {
            log.warn("event=upload_lock_release_failed error=\"{}\"", e.getMessage());
        }
        deleteTree(folder);
    }

    private static void removeIfAbandoned(Path folder) throws IOException {
        var lockFile = folder.resolve(LOCK);
        if (Files.exists(lockFile)) {
            try (var channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    return; // another server in this very process
                }
                if (lock == null) {
                    return; // a running server's
                }
                lock.release();
            }
        }
        deleteTree(folder);
        log.info("event=abandoned_uploads_removed folder={}", folder.getFileName());
    }

    private static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(Uploads::delete);
        } catch (IOException | UncheckedIOException e) {
            log.warn("event=upload_folder_not_removed folder={} error=\"{}\"", folder, e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("event=upload_not_removed file={} error=\"{}\"", file.getFileName(), e.getMessage());
        }
    }

    private static HttpResponseException tooLarge() {
        return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "The file is larger than "
                + (MAX_FILE_BYTES >> 20) + " MB; split it into several imports.", Map.of());
    }
}
