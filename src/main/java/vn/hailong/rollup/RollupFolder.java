package vn.hailong.rollup;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds pending rollup rows (see {@link Rollups}) into the daily, summary and cut rows, in the background: soon after
 * ratings are stored ({@link #nudge}), at most once a tick, and every few seconds whatever happened, for rows
 * another process stored or a fold that failed. Under load one fold adds hundreds of ratings to each row it
 * rewrites, where adding each batch of ratings to its rows would rewrite them every time.
 */
public final class RollupFolder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RollupFolder.class);
    /** Pending rows folded in one transaction at most (each about 20 KB in memory while folded). */
    static final int LIMIT = 1_000;
    /** Ticks between two looks at rollup_pending when nothing was nudged. */
    static final int LOOK_EVERY = 25;

    private final DSLContext dsl;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean nudged = new AtomicBoolean(true); // what an earlier run left is folded at once
    private int quietTicks;

    /** Starts folding, a look every {@code tick}. */
    public RollupFolder(DSLContext dsl, Duration tick) {
        this.dsl = dsl;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "rollup-folder");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ratings were stored: their pending rows are folded at the next tick. */
    public void nudge() {
        nudged.set(true);
    }

    private void tick() {
        if (!nudged.getAndSet(false) && ++quietTicks < LOOK_EVERY) {
            return;
        }
        quietTicks = 0;
        try {
            foldAll();
        } catch (RuntimeException e) {
            // Nothing is lost: the rows stay pending, still counted by every reader, and are folded later.
            log.warn("event=rollup_fold_failed error={}", e.toString());
        }
    }

    /** Folds every pending row, a transaction per {@link #LIMIT} rows; returns how many it folded. */
    public int foldAll() {
        return foldAll(dsl);
    }

    /** The same, on the database of {@code dsl}: for commands and tests. */
    public static int foldAll(DSLContext dsl) {
        int total = 0;
        int folded;
        do {
            folded = dsl.transactionResult(trx -> trx.dsl().connectionResult(c -> Rollups.fold(c, LIMIT)));
            total += folded;
        } while (folded == LIMIT);
        return total;
    }

    /** Stops folding, after the fold under way if any; what is pending stays pending. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("event=rollup_folder_still_running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
