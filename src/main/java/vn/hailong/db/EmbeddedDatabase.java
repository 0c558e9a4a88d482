package vn.hailong.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.hailong.StartupException;

/**
 * The PostgreSQL kept in DATA_DIR/pg, run the way the application needs it and nothing wider:
 * <ul>
 * <li>one server per data directory: DATA_DIR/hailong.lock is locked for the life of the process, so a second
 * Hài Lòng on the same directory is refused with one line before it touches anything;</li>
 * <li>a postmaster still running from a server that was killed (kill -9, an out-of-memory kill) is stopped
 * before starting, and a pid file left by a machine that went down is removed — its number may belong to another
 * process now, which PostgreSQL would take for a live server. Holding the lock proves neither is in use;</li>
 * <li>a password generated on the first start (DATA_DIR/database-password, readable by its owner only) and
 * required on every connection; TCP on the loopback interface only, no Unix socket.</li>
 * </ul>
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String LOCK_FILE = "hailong.lock";
    static final String PASSWORD_FILE = "database-password";
    /** Crash recovery replays the write-ahead log before the server answers; a large one takes minutes. */
    static final Duration STARTUP_WAIT = Duration.ofMinutes(10);
    static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    private final FileChannel lockChannel;
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(FileChannel lockChannel, EmbeddedPostgres postgres, String password) {
        this.lockChannel = lockChannel;
        this.postgres = postgres;
        this.password = password;
    }

    static EmbeddedDatabase start(Path dataDir) {
        var pgDir = dataDir.resolve("pg");
        checkWritable(dataDir);
        var lockChannel = lock(dataDir, pgDir);
        try {
            var password = password(dataDir.resolve(PASSWORD_FILE));
            stopLeftovers(pgDir);
            var postgres = Database.durableEmbedded(pgDir)
                    .setCleanDataDirectory(false)
                    // The application stops it itself, after the pool, on SIGTERM.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("unix_socket_directories", "")
                    .setConnectConfig("password", password)
                    // Arguments of initdb, run only for a new data directory: the superuser gets the generated
                    // password, and every connection must give it (the builder passes these after its own -A trust).
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("pwfile", dataDir.resolve(PASSWORD_FILE).toAbsolutePath().toString())
                    .start();
            var database = new EmbeddedDatabase(lockChannel, postgres, password);
            database.requirePassword(pgDir);
            log.info("event=embedded_database_started data_dir={} port={}", pgDir, postgres.getPort());
            return database;
        } catch (IOException | RuntimeException e) {
            closeQuietly(lockChannel);
            if (e instanceof StartupException startup) {
                throw startup;
            }
            throw new StartupException("cannot start the embedded database in " + pgDir + ": " + Database.rootMessage(e), e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    String password() {
        return password;
    }

    /** Stops the server cleanly (a checkpoint: no recovery at the next start), then lets go of the directory. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private static FileChannel lock(Path dataDir, Path pgDir) {
        try {
            var channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new StartupException("another Hài Lòng is already using " + pgDir
                        + " (stop it, or set DATA_DIR to another directory)");
            }
            return channel;
        } catch (IOException e) {
            throw new StartupException("cannot lock " + dataDir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The superuser's password, made on the first start and kept beside the data, readable by its owner only. */
    static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            var kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        var password = HexFormat.of().formatHex(bytes);
        var temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary); // not a POSIX file system
        }
        Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /**
     * Makes way for a new postmaster: stops one that a killed server of this directory left running, or removes
     * the pid file of one that no longer runs. Called only while holding the directory's lock, so neither can
     * belong to a live Hài Lòng.
     */
    static void stopLeftovers(Path pgDir) throws IOException {
        var pidFile = pgDir.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        }
        long pid = lines.isEmpty() ? 0 : parsePid(lines.get(0));
        var postmaster = pid > 0 ? ProcessHandle.of(pid).filter(p -> isPostmasterOf(p, pgDir)) : Optional.<ProcessHandle>empty();
        if (postmaster.isEmpty()) {
            Files.deleteIfExists(pidFile);
            log.info("event=stale_pid_file_removed pid={} data_dir={}", pid, pgDir);
            return;
        }
        var process = postmaster.get();
        log.warn("event=orphaned_database_found pid={} data_dir={} action=stopping", pid, pgDir);
        // SIGTERM: a smart shutdown with a checkpoint. The dead server's connections closed when it died.
        process.destroy();
        if (!awaitExit(process, ORPHAN_STOP_WAIT)) {
            log.warn("event=orphaned_database_killed pid={} waited_s={}", pid, ORPHAN_STOP_WAIT.toSeconds());
            var children = process.descendants().toList();
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
            // Backends outliving their postmaster would keep its shared memory, and PostgreSQL refuses to start then.
            children.forEach(ProcessHandle::destroyForcibly);
            for (var child : children) {
                awaitExit(child, Duration.ofSeconds(10));
            }
        }
        if (process.isAlive()) {
            throw new StartupException("a PostgreSQL left running on " + pgDir + " (process " + pid
                    + ") does not stop; stop it, then start again");
        }
        log.info("event=orphaned_database_stopped pid={}", pid);
    }

    /** Whether a process is a PostgreSQL server working in this data directory (its working directory, on Linux). */
    static boolean isPostmasterOf(ProcessHandle process, Path pgDir) {
        var command = process.info().command().orElse("");
        if (!command.endsWith("postgres") && !command.endsWith("postmaster")) {
            return false;
        }
        var cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            return Files.isSameFile(cwd, pgDir);
        } catch (IOException e) {
            // No /proc (macOS): a PostgreSQL named by this directory's pid file, with this directory in its arguments.
            return process.info().arguments().map(Arrays::asList)
                    .map(args -> args.contains(pgDir.toString()) || args.contains(pgDir.toAbsolutePath().toString()))
                    .orElse(true);
        }
    }

    /**
     * A data directory made before passwords were required allows any local connection: give the superuser the
     * password and require it from now on.
     */
    private void requirePassword(Path pgDir) throws IOException {
        var hba = pgDir.resolve("pg_hba.conf");
        var rules = Files.readAllLines(hba, StandardCharsets.UTF_8);
        boolean trusting = rules.stream().map(String::strip)
                .anyMatch(r -> !r.startsWith("#") && Arrays.asList(r.split("\\s+")).contains("trust"));
        if (!trusting) {
            return;
        }
        try (var connection = DriverManager.getConnection(jdbcUrl(), "postgres", password);
             var statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role postgres password '" + password + "'");
            Files.writeString(hba, """
                    # Written by Hai Long: the superuser's password (DATA_DIR/database-password), over loopback TCP only.
                    host    all             postgres        127.0.0.1/32            scram-sha-256
                    host    all             postgres        ::1/128                 scram-sha-256
                    """, StandardCharsets.UTF_8);
            statement.execute("select pg_reload_conf()");
            log.info("event=embedded_database_password_required data_dir={}", pgDir);
        } catch (SQLException e) {
            throw new IOException("cannot set the database password: " + e.getMessage(), e);
        }
    }

    private static long parsePid(String line) {
        try {
            return Long.parseLong(line.strip());
        } catch (NumberFormatException e) {
            return 0; // cut short by the crash
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    static void checkWritable(Path dataDir) {
        try {
            Files.createDirectories(dataDir.resolve("pg"));
            var probe = Files.createTempFile(dataDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw new StartupException("DATA_DIR " + dataDir.toAbsolutePath() + " is not writable (permission denied)", e);
        } catch (NoSuchFileException e) {
            throw new StartupException("DATA_DIR " + dataDir.toAbsolutePath() + " cannot be created (no such file or directory: "
                    + e.getFile() + ")", e);
        } catch (FileAlreadyExistsException e) {
            throw new StartupException("DATA_DIR " + dataDir.toAbsolutePath() + " cannot be created: "
                    + e.getFile() + " is a file, not a directory", e);
        } catch (FileSystemException e) {
            throw new StartupException("DATA_DIR " + dataDir.toAbsolutePath() + " is not writable: "
                    + Optional.ofNullable(e.getReason()).orElse(e.getClass().getSimpleName()), e);
        } catch (IOException e) {
            throw new StartupException("DATA_DIR " + dataDir.toAbsolutePath() + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("event=lock_release_failed error=\"{}\"", e.getMessage());
        }
    }
}
