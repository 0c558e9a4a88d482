package vn.hailong.collect;

import static vn.hailong.db.schema.Tables.INVITATION;
import static vn.hailong.db.schema.Tables.RESPONSE;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.jooq.impl.DSL.table;

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

    public Outcome store(Checked c) {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            // Same submission id arriving twice at once: the second waits for the first, then finds it. The lock
            // and the look-up go in one round trip.
            var earlier = tx.select(RESPONSE.ID, RESPONSE.SUBMISSION_ID, RESPONSE.SUBMITTED_AT, RESPONSE.RECEIVED_AT,
                            RESPONSE.QUALITY_FLAGS, RESPONSE.CONTENT_HASH)
                    .from(table("(select pg_advisory_xact_lock(hashtextextended({0}, 0))) as submission_lock",
                            "submission:" + c.submissionId()))
                    .leftJoin(RESPONSE).on(RESPONSE.SUBMISSION_ID.eq(c.submissionId()))
                    .fetchAny();
            if (earlier != null && earlier.value1() != null) {
                var e = earlier;
                if (c.contentHash().equals(e.value6())) {
                    return new Replayed(new Receipt(e.value1(), e.value2(), e.value3(), e.value4(), List.of(e.value5())));
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
            var insert = tx.insertInto(RESPONSE)
                    .set(RESPONSE.AGENCY_ID, c.agencyId())
                    .set(RESPONSE.SUBMITTED_AT, c.submittedAt())
                    .set(RESPONSE.QUESTIONNAIRE_VERSION_ID, c.versionId())
                    .set(RESPONSE.SERVICE_ID, c.serviceId())
                    .set(RESPONSE.CENTRE_ID, c.centreId())
                    .set(RESPONSE.COUNTER_ID, c.counterId())
                    .set(RESPONSE.CHANNEL, c.channel())
                    .set(RESPONSE.SUBMISSION_ID, c.submissionId())
                    .set(RESPONSE.CONTENT_HASH, c.contentHash())
                    .set(RESPONSE.DOSSIER_CODE, dossierCode)
                    .set(RESPONSE.STRATUM, c.stratum())
                    .set(RESPONSE.ANSWERS, c.answers())
                    .set(RESPONSE.PROFILE, c.profile())
                    .set(RESPONSE.COMMENT, c.comment())
                    .set(RESPONSE.CLIENT_STARTED_AT, c.startedAt())
                    .set(RESPONSE.CLIENT_SUBMITTED_AT, c.clientSubmittedAt())
                    .set(RESPONSE.QUALITY_FLAGS, c.flags().toArray(String[]::new))
                    .set(RESPONSE.DEVICE_ID, c.deviceId())
                    .set(RESPONSE.RECEIVED_AT, now)
                    .returning(RESPONSE.ID);
            var rollup = rollups.addition(tx, Rollups.Key.of(c.agencyId(), c.submittedAt(), c.versionId(), c.serviceId(),
                    c.centreId(), c.channel(), c.stratum(), !c.flags().isEmpty()), c.answers());
            // The response and its rollup in one statement: one round trip, one commit.
            long stored = tx.fetchSingle("with stored as ({0}), rolled_up as ({1}) select id from stored", insert, rollup)
                    .get(0, Long.class);
            return new Created(new Receipt(stored, c.submissionId(), c.submittedAt(), now, c.flags()));
        });
    }

}
