package vn.hailong.db;

import org.jooq.DSLContext;

/**
 * Every advisory lock the application takes, in one place so that no two uses share a key by accident. Each is
 * held for a transaction (pg_advisory_xact_lock): released at commit or rollback, and by a process that dies.
 */
public final class Locks {
    /** The rollup store's writers take turns: the folder, imports, rebuilds and unit moves. */
    public static final long ROLLUPS = 0x48_4c_00_01L;
    /** One response import at a time, so one file sent twice at once is stored once. */
    public static final long IMPORT = 0x48_4c_00_02L;
    /** The demo province is made once, whatever starts at the same moment. */
    public static final long DEMO = 0x48_4c_00_03L;
    /** The default content is seeded once. */
    public static final long DEFAULT_CONTENT = 0x48_4c_00_04L;
    /** The first admin is created once. */
    public static final long FIRST_ADMIN = 0x48_4c_00_05L;
    /** A missing year partition of response is made by one transaction at a time (sql/V14, ensure_response_partitions). */
    public static final long PARTITIONS = 0x48_4c_28_03L;

    private Locks() {
    }

    /** Waits for the lock {@code key} and holds it until {@code tx}'s transaction ends. */
    public static void hold(DSLContext tx, long key) {
        tx.fetch("select pg_advisory_xact_lock(?)", key);
    }
}
