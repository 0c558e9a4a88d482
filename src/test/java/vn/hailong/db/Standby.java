package vn.hailong.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL primary and a hot standby streaming from it, both started by the test, as an operator would set them up
 * but without pg_basebackup (zonky ships only initdb, pg_ctl and postgres): the primary with wal_level=replica and a
 * physical replication slot; a base backup made with the low-level API (pg_backup_start, a copy of the data directory,
 * pg_backup_stop's label written as backup_label); the copy started with standby.signal and primary_conninfo. zonky's
 * initdb trusts every local connection, replication ones included (pg_hba.conf: "host replication all 127.0.0.1/32
 * trust"), which {@link #start} checks.
 */
public final class Standby implements AutoCloseable {
    public static final String DATABASE = "hailong";
    private final EmbeddedPostgres primary;
    private final EmbeddedPostgres standby;

    private Standby(EmbeddedPostgres primary, EmbeddedPostgres standby) {
        this.primary = primary;
        this.standby = standby;
    }

    /** Starts both in {@code dir} (primary/ and standby/), with a database {@value #DATABASE} on the primary. */
    public static Standby start(Path dir) {
        EmbeddedPostgres primary = null;
        try {
            var primaryDir = dir.resolve("primary");
            primary = EmbeddedPostgres.builder()
                    .setDataDirectory(primaryDir)
                    .setServerConfig("wal_level", "replica")
                    .setServerConfig("max_wal_senders", "4")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .start();
            var hba = Files.readString(primaryDir.resolve("pg_hba.conf"));
            if (!hba.lines().anyMatch(l -> l.matches("host\\s+replication\\s+all\\s+127\\.0\\.0\\.1/32\\s+trust"))) {
                throw new IllegalStateException("the primary's pg_hba.conf does not trust local replication:\n" + hba);
            }
            try (var c = connect(primary.getPort(), "postgres"); var s = c.createStatement()) {
                s.execute("create database " + DATABASE);
                s.execute("select pg_create_physical_replication_slot('standby', true)");
            }
            var standbyDir = dir.resolve("standby");
            baseBackup(primary.getPort(), primaryDir, standbyDir);
            Files.writeString(standbyDir.resolve("standby.signal"), "");
            Files.writeString(standbyDir.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=localhost port="
                    + primary.getPort() + " user=postgres application_name=standby'\nprimary_slot_name = 'standby'\n"
                    + "hot_standby = on\n", StandardOpenOption.APPEND);
            var standby = EmbeddedPostgres.builder()
                    .setDataDirectory(standbyDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            var started = new Standby(primary, standby);
            started.awaitCaughtUp();
            return started;
        } catch (IOException | SQLException e) {
            if (primary != null) {
                try {
                    primary.close();
                } catch (IOException ignored) {
                    // reported below
                }
            }
            throw new IllegalStateException("cannot start a primary and its standby: " + e.getMessage(), e);
        }
    }

    /**
     * The low-level base backup, in one session: pg_backup_start, the data directory copied file by file (without the
     * server's pid and options, the WAL, which the standby streams through the slot, and the slots themselves), then
     * pg_backup_stop, whose label becomes the copy's backup_label.
     */
    private static void baseBackup(int port, Path from, Path to) throws SQLException, IOException {
        try (var c = connect(port, "postgres"); var s = c.createStatement()) {
            s.execute("select pg_backup_start('standby', true)");
            copy(from, to);
            try (var rows = s.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)")) {
                rows.next();
                Files.writeString(to.resolve("backup_label"), rows.getString(1));
                var map = rows.getString(2);
                if (map != null && !map.isEmpty()) {
                    Files.writeString(to.resolve("tablespace_map"), map);
                }
            }
        }
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    }

    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                var relative = from.relativize(dir);
                Files.createDirectories(to.resolve(relative));
                // The WAL and the slots are not copied, their directories are (pg_wal/archive_status too).
                if (relative.toString().equals("pg_replslot")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                var relative = from.relativize(file);
                if (SKIPPED.contains(relative.toString()) || relative.startsWith("pg_wal")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // dropped while copying (a temporary file): the WAL replay knows
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** DATABASE_URL of the primary's database. */
    public String primaryUrl() {
        return "postgresql://postgres@localhost:" + primary.getPort() + "/" + DATABASE;
    }

    /** DATABASE_READ_URL: the same database on the standby. */
    public String standbyUrl() {
        return "postgresql://postgres@localhost:" + standby.getPort() + "/" + DATABASE;
    }

    public int standbyPort() {
        return standby.getPort();
    }

    /** A connection to the standby's database (read-only, as a hot standby is). */
    public Connection standbyConnection() throws SQLException {
        return connect(standby.getPort(), DATABASE);
    }

    /** Stops applying the WAL received: the standby keeps receiving the primary's commits but shows none of them. */
    public void pauseReplay() {
        onStandby("select pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        onStandby("select pg_wal_replay_resume()");
    }

    /**
     * Waits until the standby has replayed everything the primary has written so far: up to its WAL insert position,
     * since zonky's servers commit without waiting for the WAL to be written (synchronous_commit = off).
     */
    public void awaitCaughtUp() {
        try (var p = connect(primary.getPort(), "postgres"); var ps = p.createStatement();
             var rows = ps.executeQuery("select pg_current_wal_insert_lsn()")) {
            rows.next();
            var target = rows.getString(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try (var s = connect(standby.getPort(), "postgres");
                 var check = s.prepareStatement("select pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
                check.setString(1, target);
                while (true) {
                    try (var r = check.executeQuery()) {
                        r.next();
                        if (r.getBoolean(1)) {
                            return;
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the standby did not replay up to " + target + " in 30 s");
                    }
                    Thread.sleep(50);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the standby (as a crash or a maintenance would). */
    public void stopStandby() {
        try {
            standby.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void onStandby(String sql) {
        try (var c = connect(standby.getPort(), "postgres"); var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "");
    }

    @Override
    public void close() {
        for (var server : new EmbeddedPostgres[] {standby, primary}) {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                // stopping both matters more than why one did not stop cleanly
            }
        }
    }
}
