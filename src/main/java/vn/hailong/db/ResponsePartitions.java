package vn.hailong.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.Vietnam;

/**
 * The year partitions of response (sql/V3, one per calendar year in Vietnam time; sql/V14 makes their creation
 * safe between processes). They are made at start-up ({@link Database}) and every day by the {@link Job} for last
 * year to two years ahead, so a server running across New Year has its new year's partition long before it. Should
 * a rating still come for a year without one (a partition dropped, the job failing for days), {@link #storing}
 * makes the partition and stores the rating again: never lost, never a 500.
 */
public final class ResponsePartitions {
    private static final Logger log = LoggerFactory.getLogger(ResponsePartitions.class);
    /** PostgreSQL's check_violation, which "no partition of relation ... found for row" is reported as. */
    static final String CHECK_VIOLATION = "23514";
    /**
     * How long the daily job waits for its lock on response (CREATE TABLE ... PARTITION OF takes an ACCESS EXCLUSIVE
     * lock on the parent) behind a long read before giving up until the next tick: ratings queue behind a waiting
     * exclusive lock, so the wait is kept short, and the partition is needed only years later.
     */
    static final String LOCK_TIMEOUT = "1s";

    private ResponsePartitions() {
    }

    /** The years whose partitions should exist on {@code today}: last year to two years ahead. */
    public static int[] aheadOf(LocalDate today) {
        return new int[] {today.getYear() - 1, today.getYear() + 2};
    }

    /** Makes the partitions of last year to two years ahead of {@code today}, in their own transaction. */
    static void ensureAround(DataSource dataSource, LocalDate today) {
        var years = aheadOf(today);
        try (var connection = dataSource.getConnection()) {
            ensure(connection, years[0], years[1]);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create response partitions: " + e.getMessage(), e);
        }
    }

    private static void ensure(Connection connection, int fromYear, int toYear) throws SQLException {
        try (var statement = connection.prepareStatement("select ensure_response_partitions(?, ?)")) {
            statement.setInt(1, fromYear);
            statement.setInt(2, toYear);
            statement.execute();
        }
    }

    /** Whether {@code e} is PostgreSQL's refusal of a row no partition of response holds. */
    public static boolean noPartitionFor(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Told from a check constraint's refusal by naming none: the message is in the server's language.
            if (t instanceof SQLException sql && CHECK_VIOLATION.equals(sql.getSQLState())
                    && (!(sql instanceof org.postgresql.util.PSQLException p) || p.getServerErrorMessage() == null
                        || p.getServerErrorMessage().getConstraint() == null)) {
                return true;
            }
        }
        return false;
    }

    /** Work on a connection that may throw SQLException. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws SQLException;
    }

    /**
     * Does {@code work}, which stores responses timestamped {@code times} on {@code c}; if PostgreSQL refuses it for
     * want of a partition, makes the partitions of those times' years (Vietnam time) and does it once more. The
     * work must be a whole transaction that wrote nothing when it failed (autocommit statements, as
     * store_ratings is called; an open transaction is rolled back first) and safe to do again.
     */
    public static <T> T storing(Connection c, Collection<OffsetDateTime> times, Work<T> work) throws SQLException {
        try {
            return work.call();
        } catch (SQLException e) {
            if (!noPartitionFor(e)) {
                throw e;
            }
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.rollback();
            }
            var years = new TreeSet<Integer>();
            times.forEach(t -> years.add(t.atZoneSameInstant(Vietnam.ZONE).getYear()));
            c.setAutoCommit(true);
            try {
                for (int year : years) {
                    ensure(c, year, year);
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
            log.warn("event=response_partition_made_on_demand years={} reason=\"a response came for a year without"
                    + " a partition; the daily job makes them ahead\"", years);
            return work.call();
        }
    }

    /**
     * Makes the partitions of last year to two years ahead, once a day (Vietnam time) whichever process's schedule
     * gets there first. The partitions of a year exist two years before it begins.
     */
    public static final class Job implements vn.hailong.schedule.Job {
        @Override
        public String name() {
            return "response-partitions";
        }

        @Override
        public Optional<String> due(ZonedDateTime now) {
            return Optional.of(now.withZoneSameInstant(Vietnam.ZONE).toLocalDate().toString());
        }

        @Override
        public void run(DSLContext tx, String period) {
            var years = aheadOf(LocalDate.parse(period));
            // A new partition locks response for a moment; behind a long read the job gives up and the next tick
            // tries again, rather than making every rating wait. Partitions that exist take no lock (sql/V14).
            tx.execute("set local lock_timeout = '" + LOCK_TIMEOUT + "'");
            tx.execute("select ensure_response_partitions({0}, {1})", years[0], years[1]);
        }
    }
}
