package vn.hailong.rollup;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds pending rollup rows (see {@link Rollups}) into the rollup store ({@link RollupStore}), in the background.
 * While ratings keep coming ({@link #nudge}), at most once every {@code gather}: one fold then adds many ratings to
 * each row it rewrites (a unit's day, month and year), where a fold every tick would rewrite those rows for a rating
 * or two each. As soon as a tick passes without a rating, at once. And every few seconds whatever happened, for rows
 * another process stored or a fold that failed. Readers count pending rows too, so how long a rating waits to be
 * folded changes no answer.
 */
public final class RollupFolder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RollupFolder.class);
    /**
     * Pending rows folded in one transaction at most. They are summed by pending key as they are read (about 7 KB a
     * key in memory, SIPAS); a transaction that takes a second's ratings whole rewrites each row they share (a unit's
     * day, month and year) once, not once per thousand ratings. The rollup rows they add to are held too: a few per
     * key under a steady flow, as keys share them, but a backlog spread over many agencies and days may hold some
     * hundreds of megabytes.
     */
    static final int LIMIT = 5_000;
    /** Ticks between two looks at rollup_pending when nothing was nudged. */
    static final int LOOK_EVERY = 25;

    private final DSLContext dsl;
    private final ScheduledExecutorService executor;
    private final AtomicLong nudges = new AtomicLong(1); // what an earlier run left: folded at the second tick
    private final Pace pace;

    /** Starts folding, a look every {@code tick}, and under a steady flow of ratings a fold every {@code gather}. */
    public RollupFolder(DSLContext dsl, Duration tick, Duration gather) {
        this.dsl = dsl;
        this.pace = new Pace(gather.toNanos());
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "rollup-folder");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ratings were stored: their pending rows are folded once the flow pauses for a tick, or gathered long enough. */
    public void nudge() {
        nudges.incrementAndGet();
    }

    /**
     * When to fold, tick by tick: after a tick in which ratings came, if ratings have been gathering for {@code
     * gather} since the first of them; after a tick in which none came, if some had; otherwise every {@link
     * #LOOK_EVERY} ticks.
     */
    static final class Pace {
        private final long gather;
        private long seen;
        private boolean gathering;
        private long gatheringSince;
        private int quietTicks;

        Pace(long gatherNanos) {
            this.gather = gatherNanos;
        }

        /** Whether to fold now, given how many nudges there have been in all and the time (nanoseconds). */
        boolean due(long nudges, long now) {
            boolean came = nudges != seen;
            seen = nudges;
            if (came && !gathering) {
                gathering = true;
                gatheringSince = now;
            }
            boolean due = gathering ? !came || now - gatheringSince >= gather : ++quietTicks >= LOOK_EVERY;
            if (due) {
                gathering = false;
                quietTicks = 0;
            }
            return due;
        }
    }

    private void tick() {
        if (!pace.due(nudges.get(), System.nanoTime())) {
            return;
        }
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
            folded = dsl.transactionResult(trx -> trx.dsl().connectionResult(c -> RollupStore.fold(c, LIMIT)));
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
