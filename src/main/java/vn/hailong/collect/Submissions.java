package vn.hailong.collect;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.ServiceUnavailableResponse;
import vn.hailong.rollup.RollupFolder;
import vn.hailong.rollup.Rollups;

/**
 * Stores a checked rating exactly once: a retry of the same submission finds the stored one, a different
 * rating under the same id or a second rating of a dossier is refused, and the response and its rollup
 * commit together. Ratings arriving together are written together (group commit): a writer thread (or a few)
 * takes whatever is waiting and stores it in one transaction, and each caller is answered once its rating has
 * committed.
 */
public final class Submissions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Submissions.class);
    /** Enough to keep a writer's transaction short; more waiting ratings go in the next one. */
    static final int MAX_BATCH = 128;

    private final SubmissionBatch batch;
    private final DSLContext dsl;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /** A rating ready to store: every reference resolved, answers in the version's order. */
    record Checked(UUID submissionId, String contentHash, long agencyId, long versionId, Long serviceId,
                          Long centreId, Long counterId, String channel, String stratum, Short[] answers, JSONB profile,
                          String comment, String dossierCode, String invitationToken, Long surveyLinkId, Long deviceId,
                          OffsetDateTime submittedAt, OffsetDateTime startedAt, OffsetDateTime clientSubmittedAt,
                          List<String> flags) {
    }

    /**
     * What the client is told: the same for the first answer and every retry. followUp says the rating opened a
     * follow-up case (sql/V12), so the page may offer the citizen a callback (POST /responses/{id}/contact).
     */
    record Receipt(long id, UUID submissionId, OffsetDateTime submittedAt, OffsetDateTime receivedAt,
                          List<String> flags, boolean followUp) {
        Receipt(long id, UUID submissionId, OffsetDateTime submittedAt, OffsetDateTime receivedAt, List<String> flags) {
            this(id, submissionId, submittedAt, receivedAt, flags, false);
        }

        Receipt withFollowUp(boolean opened) {
            return new Receipt(id, submissionId, submittedAt, receivedAt, flags, opened);
        }
    }

    sealed interface Outcome {
    }

    record Created(Receipt receipt) implements Outcome {
    }

    record Replayed(Receipt receipt) implements Outcome {
    }

    record Clash(String message) implements Outcome {
    }

    /** A rating waiting for a writer, and the caller waiting for its outcome. */
    record Waiting(Checked checked, CompletableFuture<Outcome> outcome) {
    }

    /** Starts {@code writers} writer threads, each with its own connection while it writes. */
    public Submissions(DSLContext dsl, Rollups rollups, RollupFolder folder, int writers) {
        this.batch = new SubmissionBatch(dsl, rollups, folder);
        this.dsl = dsl;
        for (int i = 0; i < writers; i++) {
            var writer = new Thread(this::write, "submission-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    /** Stores the rating, returning once it has committed (or was found stored, or was refused). */
    Outcome store(Checked c) {
        if (closed) {
            throw new ServiceUnavailableResponse("The server is stopping; send the rating again in a moment.");
        }
        var waiting = new Waiting(c, new CompletableFuture<>());
        queue.add(waiting);
        if (closed && queue.remove(waiting)) { // the writers may have ended already
            throw new ServiceUnavailableResponse("The server is stopping; send the rating again in a moment.");
        }
        try {
            return waiting.outcome().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableResponse("The server is stopping; send the rating again in a moment.");
        }
    }

    /** Whether the stored rating opened a follow-up case: one lookup by its submission id. */
    boolean openedCase(UUID submissionId) {
        return vn.hailong.cases.Cases.bySubmission(dsl, submissionId).isPresent();
    }

    private void write() {
        var taken = new ArrayList<Waiting>();
        while (!closed || !queue.isEmpty()) {
            try {
                var first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, MAX_BATCH - 1);
                batch.store(taken, now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Never leave a caller waiting: whatever was not answered is answered with the failure.
                log.error("event=submission_writer_failed", e);
                taken.forEach(w -> w.outcome().completeExceptionally(e));
            } finally {
                taken.clear();
            }
        }
    }

    /** PostgreSQL keeps microseconds: the first answer must equal what a retry reads back. */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Stops taking ratings; the writers store what is already waiting, then end. */
    @Override
    public void close() {
        closed = true;
        for (var writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
