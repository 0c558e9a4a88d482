package vn.hailong.collect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

import vn.hailong.collect.Submissions.Checked;
import vn.hailong.collect.Submissions.Clash;
import vn.hailong.collect.Submissions.Created;
import vn.hailong.collect.Submissions.Outcome;
import vn.hailong.collect.Submissions.Receipt;
import vn.hailong.collect.Submissions.Replayed;
import vn.hailong.collect.Submissions.Waiting;
import vn.hailong.db.ResponsePartitions;
import vn.hailong.rollup.RollupFolder;
import vn.hailong.rollup.Rollups;

/**
 * One writer's round: ratings taken together are checked against what is stored (retries, reused ids,
 * dossiers already rated, invitations) and the new ones stored by one call of the database function
 * store_ratings (sql/V16), with their rollups as pending rows (see Rollups), in one transaction and one round
 * trip. In plain JDBC, as this is the hot path.
 */
final class SubmissionBatch {
    private static final Logger log = LoggerFactory.getLogger(SubmissionBatch.class);
    /**
     * Benchmark only, never to be set in production: with {@code -Dhailong.bench.withoutRollups=true} ratings are
     * stored without adding to the rollups, so that bench/analytics.sh can measure what keeping rollups costs
     * ingestion. Dashboards miss such ratings until the rollups are rebuilt. Read once, when the app is wired.
     */
    static final String WITHOUT_ROLLUPS = "hailong.bench.withoutRollups";

    private final DSLContext dsl;
    private final Rollups rollups;
    private final RollupFolder folder;
    private final ObjectMapper json = new ObjectMapper();
    private final boolean withRollups = !Boolean.getBoolean(WITHOUT_ROLLUPS);

    SubmissionBatch(DSLContext dsl, Rollups rollups, RollupFolder folder) {
        this.dsl = dsl;
        this.rollups = rollups;
        this.folder = folder;
        if (!withRollups) {
            log.warn("event=rollups_off property={} reason=\"benchmark only: ratings are stored without rollups\"",
                    WITHOUT_ROLLUPS);
        }
    }

    /** Stores the ratings and answers each caller. */
    void store(List<Waiting> taken, OffsetDateTime now) {
        // A rating that shares its submission id, dossier or invitation with an earlier one of the batch goes in
        // the next round, so every check of a round sees only what is already stored.
        var round = new ArrayList<Waiting>();
        var later = new ArrayList<Waiting>();
        var keys = new HashSet<String>();
        for (var waiting : taken) {
            var own = keysOf(waiting.checked());
            if (own.stream().anyMatch(keys::contains)) {
                later.add(waiting);
            } else {
                keys.addAll(own);
                round.add(waiting);
            }
        }
        try {
            var outcomes = written(round, now);
            folder.nudge();
            for (int i = 0; i < round.size(); i++) {
                round.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (round.size() == 1) {
                round.get(0).outcome().completeExceptionally(e);
            } else {
                // One rating's failure must not fail the others: each is tried alone.
                log.warn("event=submission_batch_failed size={} error={}", round.size(), e.toString());
                round.forEach(waiting -> store(List.of(waiting), now));
            }
        }
        if (!later.isEmpty()) {
            store(later, now);
        }
    }

    /**
     * {@link #write} on a pooled connection, straight in JDBC: jOOQ's transaction API cost the writer about as much as
     * building the batch. Each call of store_ratings is a transaction of its own (autocommit), which stores its
     * ratings and their pending rollup rows, or nothing.
     */
    private List<Outcome> written(List<Waiting> round, OffsetDateTime now) {
        var connections = dsl.configuration().connectionProvider();
        var c = connections.acquire();
        try {
            c.setAutoCommit(true);
            return ResponsePartitions.storing(c, round.stream().map(w -> w.checked().submittedAt()).toList(),
                    () -> write(c, round, now));
        } catch (SQLException e) {
            throw new DataAccessException("storing " + round.size() + " ratings failed: " + e.getMessage(), e);
        } finally {
            connections.release(c);
        }
    }

    private static List<String> keysOf(Checked c) {
        var keys = new ArrayList<String>(3);
        keys.add("submission:" + c.submissionId());
        if (c.dossierCode() != null) {
            keys.add(dossierKey(c.agencyId(), c.dossierCode()));
        }
        if (c.invitationToken() != null) {
            keys.add("invitation:" + c.invitationToken());
        }
        return keys;
    }

    private static String dossierKey(long agencyId, String dossierCode) {
        return "dossier:" + agencyId + ":" + dossierCode;
    }

    /**
     * Stores the round, each rating's outcome in its place, with the new ones' pending rollup rows. Every rating is
     * sent as new, with the rollup rows of all those sent: when some turn out to be replays or refused, nothing was
     * written, and the new ones are sent again on their own, with theirs.
     */
    private List<Outcome> write(Connection c, List<Waiting> round, OffsetDateTime now) throws SQLException {
        var outcomes = new ArrayList<Outcome>(Collections.nCopies(round.size(), null));
        var pending = new ArrayList<Integer>();
        for (int i = 0; i < round.size(); i++) {
            pending.add(i);
        }
        while (!pending.isEmpty()) {
            var sent = pending.stream().map(i -> round.get(i).checked()).toList();
            var again = new ArrayList<Integer>();
            try (var statement = c.prepareStatement(STORE_SQL)) {
                bind(c, statement, sent, now);
                try (var r = statement.executeQuery()) {
                    while (r.next()) {
                        int index = pending.get(r.getInt("ordinal") - 1);
                        var checked = round.get(index).checked();
                        var dossier = r.getString("dossier_code");
                        switch (r.getString("outcome")) {
                            case "created" -> outcomes.set(index, new Created(receipt(r, checked)));
                            case "replayed" -> outcomes.set(index, new Replayed(receipt(r, checked)));
                            case "reused_id" -> outcomes.set(index, new Clash("submissionId " + checked.submissionId()
                                    + " was already used for a different rating; make a new id for a new rating"));
                            case "invalid_link" -> outcomes.set(index, new Clash("this rating link is not valid"));
                            case "dossier_rated" -> outcomes.set(index,
                                    new Clash("dossier " + dossier + " has already been rated"));
                            case "new" -> again.add(index);
                            default -> throw new IllegalStateException("unknown outcome " + r.getString("outcome"));
                        }
                    }
                }
            }
            pending = again;
        }
        if (outcomes.contains(null)) {
            throw new IllegalStateException("store_ratings left a rating without an outcome");
        }
        return outcomes;
    }

    private static Receipt receipt(ResultSet r, Checked checked) throws SQLException {
        return new Receipt(r.getLong("response_id"), checked.submissionId(),
                r.getObject("submitted_at", OffsetDateTime.class), r.getObject("received_at", OffsetDateTime.class),
                List.of((String[]) r.getArray("quality_flags").getArray()));
    }

    private static final String STORE_SQL =
            "select * from store_ratings(?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private void bind(Connection c, PreparedStatement statement, List<Checked> sent, OffsetDateTime now)
            throws SQLException {
        var locks = new TreeSet<String>(); // one order for every writer, so writers never deadlock
        var batch = json.createArrayNode();
        for (var s : sent) {
            locks.add("submission:" + s.submissionId());
            if (s.dossierCode() != null) {
                locks.add(dossierKey(s.agencyId(), s.dossierCode()));
            }
            var rating = batch.addObject()
                    .put("submission_id", s.submissionId().toString())
                    .put("content_hash", s.contentHash())
                    .put("agency_id", s.agencyId())
                    .put("submitted_at", s.submittedAt().toString())
                    .put("questionnaire_version_id", s.versionId())
                    .put("service_id", s.serviceId())
                    .put("centre_id", s.centreId())
                    .put("counter_id", s.counterId())
                    .put("channel", s.channel())
                    .put("dossier_code", s.dossierCode())
                    .put("invitation_token", s.invitationToken())
                    .put("survey_link_id", s.surveyLinkId())
                    .put("stratum", s.stratum())
                    .put("comment", s.comment())
                    .put("client_started_at", s.startedAt() == null ? null : s.startedAt().toString())
                    .put("client_submitted_at", s.clientSubmittedAt() == null ? null : s.clientSubmittedAt().toString())
                    .put("device_id", s.deviceId());
            var answers = rating.putArray("answers");
            for (var level : s.answers()) {
                answers.add(level);
            }
            var flags = rating.putArray("quality_flags");
            s.flags().forEach(flags::add);
            if (s.profile() != null) {
                rating.putRawValue("profile", new RawValue(s.profile().data()));
            }
        }
        statement.setArray(1, c.createArrayOf("varchar", locks.toArray()));
        statement.setString(2, batch.toString());
        statement.setObject(3, now);
        var additions = rollups.additions();
        if (withRollups) {
            for (var s : sent) {
                additions.add(Rollups.Key.of(s.agencyId(), s.submittedAt(), s.versionId(), s.serviceId(), s.centreId(),
                        s.channel(), s.stratum(), !s.flags().isEmpty()), s.answers());
            }
        }
        additions.bindPending(c, statement, 4);
    }
}
