package vn.hailong.collect;

import static vn.hailong.db.schema.Tables.INVITATION;
import static vn.hailong.db.schema.Tables.RESPONSE;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.JSONB;

import vn.hailong.rollup.Rollups;

/**
 * Stores a checked rating exactly once: a retry of the same submission finds the stored one, a different
 * rating under the same id or a second rating of a dossier is refused, and the response and its rollup
 * commit together.
 */
public final class Submissions {
    private final DSLContext dsl;
    private final Rollups rollups;

    public Submissions(DSLContext dsl, Rollups rollups) {
        this.dsl = dsl;
        this.rollups = rollups;
    }

    /** A rating ready to store: every reference resolved, answers in the version's order. */
    public record Checked(UUID submissionId, String contentHash, long agencyId, long versionId, Long serviceId,
                          Long centreId, Long counterId, String channel, String stratum, Short[] answers, JSONB profile,
                          String comment, String dossierCode, String invitationToken, Long deviceId,
                          OffsetDateTime submittedAt, OffsetDateTime startedAt, OffsetDateTime clientSubmittedAt,
                          List<String> flags) {
    }

    /** What the client is told: the same for the first answer and every retry. */
    public record Receipt(long id, UUID submissionId, OffsetDateTime submittedAt, OffsetDateTime receivedAt,
                          List<String> flags) {
    }

    public sealed interface Outcome {
    }

    public record Created(Receipt receipt) implements Outcome {
    }

    public record Replayed(Receipt receipt) implements Outcome {
    }

    public record Clash(String message) implements Outcome {
    }

    private static final String EARLIER_SQL = """
            select r.id, r.submission_id, r.submitted_at, r.received_at, r.quality_flags, r.content_hash
              from (select pg_advisory_xact_lock(hashtextextended(?, 0))) as submission_lock
              left join response r on r.submission_id = ?""";

    private record Earlier(Receipt receipt, String contentHash) {
    }

    private static final String STORE_SQL = """
            with stored as (
                insert into response (agency_id, submitted_at, questionnaire_version_id, service_id, centre_id,
                                      counter_id, channel, submission_id, content_hash, dossier_code, stratum, answers,
                                      profile, comment, client_started_at, client_submitted_at, quality_flags,
                                      device_id, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                returning id),
            rolled_up as (
            """ + Rollups.ADD_SQL + """
            )
            select id from stored""";

    public Outcome store(Checked c) {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            // Same submission id arriving twice at once: the second waits for the first, then finds it. The lock
            // and the look-up go in one round trip, in plain JDBC like the insert below: this is the hot path.
            var earlier = tx.connectionResult(connection -> {
                try (var statement = connection.prepareStatement(EARLIER_SQL)) {
                    statement.setString(1, "submission:" + c.submissionId());
                    statement.setObject(2, c.submissionId());
                    try (var r = statement.executeQuery()) {
                        if (!r.next() || r.getObject(1) == null) {
                            return null;
                        }
                        return new Earlier(new Receipt(r.getLong(1), r.getObject(2, UUID.class),
                                r.getObject(3, OffsetDateTime.class), r.getObject(4, OffsetDateTime.class),
                                List.of((String[]) r.getArray(5).getArray())), r.getString(6));
                    }
                }
            });
            if (earlier != null) {
                if (c.contentHash().equals(earlier.contentHash())) {
                    return new Replayed(earlier.receipt());
                }
                return new Clash("submissionId " + c.submissionId() + " was already used for a different rating;"
                        + " make a new id for a new rating");
            }
            var dossierCode = c.dossierCode();
            if (c.invitationToken() != null) {
                var invitation = tx.selectFrom(INVITATION)
                        .where(INVITATION.TOKEN.eq(c.invitationToken()))
                        .forUpdate()
                        .fetchOptional();
                if (invitation.isEmpty()) {
                    return new Clash("this rating link is not valid");
                }
                if (invitation.get().getUsedAt() != null) {
                    return new Clash("dossier " + invitation.get().getDossierCode() + " has already been rated");
                }
                dossierCode = invitation.get().getDossierCode();
                tx.update(INVITATION).set(INVITATION.USED_AT, OffsetDateTime.now())
                        .where(INVITATION.ID.eq(invitation.get().getId())).execute();
            }
            if (dossierCode != null) {
                tx.execute("select pg_advisory_xact_lock(hashtextextended({0}, 0))", "dossier:" + c.agencyId() + ":" + dossierCode);
                if (tx.fetchExists(RESPONSE, RESPONSE.AGENCY_ID.eq(c.agencyId()).and(RESPONSE.DOSSIER_CODE.eq(dossierCode)))) {
                    return new Clash("dossier " + dossierCode + " has already been rated");
                }
            }
            // PostgreSQL keeps microseconds: the first answer must equal what a retry reads back.
            var now = OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            var key = Rollups.Key.of(c.agencyId(), c.submittedAt(), c.versionId(), c.serviceId(), c.centreId(),
                    c.channel(), c.stratum(), !c.flags().isEmpty());
            var contribution = rollups.contribution(key, c.answers());
            var finalDossierCode = dossierCode;
            // The hot path, in plain JDBC: the response and its rollup in one statement (one round trip), and the
            // rollup arrays bound as primitive arrays so the driver sends them in binary rather than as text.
            long stored = tx.connectionResult(connection -> {
                try (var statement = connection.prepareStatement(STORE_SQL)) {
                    statement.setLong(1, c.agencyId());
                    statement.setObject(2, c.submittedAt());
                    statement.setLong(3, c.versionId());
                    statement.setObject(4, c.serviceId(), java.sql.Types.BIGINT);
                    statement.setObject(5, c.centreId(), java.sql.Types.BIGINT);
                    statement.setObject(6, c.counterId(), java.sql.Types.BIGINT);
                    statement.setString(7, c.channel());
                    statement.setObject(8, c.submissionId());
                    statement.setString(9, c.contentHash());
                    statement.setString(10, finalDossierCode);
                    statement.setString(11, c.stratum());
                    statement.setArray(12, connection.createArrayOf("int2", c.answers()));
                    statement.setString(13, c.profile() == null ? null : c.profile().data());
                    statement.setString(14, c.comment());
                    statement.setObject(15, c.startedAt());
                    statement.setObject(16, c.clientSubmittedAt());
                    statement.setArray(17, connection.createArrayOf("varchar", c.flags().toArray()));
                    statement.setObject(18, c.deviceId(), java.sql.Types.BIGINT);
                    statement.setObject(19, now);
                    Rollups.bindAdd(statement, 20, key, contribution);
                    try (var result = statement.executeQuery()) {
                        result.next();
                        return result.getLong(1);
                    }
                }
            });
            return new Created(new Receipt(stored, c.submissionId(), c.submittedAt(), now, c.flags()));
        });
    }

}
