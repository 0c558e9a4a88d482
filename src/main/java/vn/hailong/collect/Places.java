package vn.hailong.collect;

import static vn.hailong.db.schema.Tables.CHANNEL;
import static vn.hailong.db.schema.Tables.COUNTER;
import static vn.hailong.db.schema.Tables.INVITATION;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.auth.Tokens;

/**
 * Where a rating comes from and what it is about: the agencies, procedures, centres and counters named by code,
 * dossier invitations (/d/{token}) and the agencies and counters a kiosk's centre serves (survey links: SurveyLinks).
 */
final class Places {
    private final DSLContext dsl;

    Places(DSLContext dsl) {
        this.dsl = dsl;
    }

    record Named(String code, String nameVi, String nameEn) {
    }

    record Invitation(String token, String dossierCode, Named agency, Named service, OffsetDateTime createdAt,
                             OffsetDateTime usedAt) {
    }

    Optional<Long> agencyId(DSLContext tx, String code) {
        return tx.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(code)).and(UNIT.ACTIVE).fetchOptional(UNIT.ID);
    }

    /**
     * The agency a code names on {@code day} (a code of an ended unit, or one a unit had, names the unit valid that
     * day: itself, or what it became); 422 naming {@code field} when no unit has the code, when it was split or
     * dissolved by then, or when the unit is not in use today though valid on {@code day} only if {@code today}.
     */
    long agencyOn(DSLContext tx, String field, String code, java.time.LocalDate day) {
        var active = agencyId(tx, code);
        if (active.isPresent()) {
            return active.get();
        }
        var resolution = vn.hailong.units.UnitHistory.read(tx).resolve(code, day)
                .orElseThrow(() -> vn.hailong.http.Invalid.field(field, "no active agency has code '" + code + "'"));
        if (!resolution.resolved()) {
            throw vn.hailong.http.Invalid.field(field, resolution.problem(day));
        }
        var unit = resolution.unit();
        boolean usable = unit.ended() || tx.fetchExists(UNIT, UNIT.ID.eq(unit.id()).and(UNIT.ACTIVE));
        if (!usable) {
            throw vn.hailong.http.Invalid.field(field, "no active agency has code '" + code + "'");
        }
        return unit.id();
    }

    Optional<Long> serviceId(DSLContext tx, String code) {
        return tx.select(SERVICE.ID).from(SERVICE).where(SERVICE.CODE.eq(code)).fetchOptional(SERVICE.ID);
    }

    Optional<Long> centreId(DSLContext tx, String code) {
        return tx.select(SERVICE_CENTRE.ID).from(SERVICE_CENTRE).where(SERVICE_CENTRE.CODE.eq(code))
                .fetchOptional(SERVICE_CENTRE.ID);
    }

    Optional<Long> counterId(DSLContext tx, long centreId, String code) {
        return tx.select(COUNTER.ID).from(COUNTER).where(COUNTER.CENTRE_ID.eq(centreId)).and(COUNTER.CODE.eq(code))
                .fetchOptional(COUNTER.ID);
    }

    boolean channelExists(DSLContext tx, String code) {
        return tx.fetchExists(CHANNEL, CHANNEL.CODE.eq(code));
    }

    /** The invitation of a dossier, made once; a resend that names its centre or channel sets them. */
    Invitation invite(DSLContext tx, long agencyId, Long serviceId, String dossierCode, Long centreId, String channel,
                      Long keyId) {
        var existing = tx.select(INVITATION.TOKEN).from(INVITATION)
                .where(INVITATION.AGENCY_ID.eq(agencyId)).and(INVITATION.DOSSIER_CODE.eq(dossierCode))
                .fetchOptional(INVITATION.TOKEN);
        var token = existing.orElseGet(() -> Tokens.newToken("").substring(0, 22));
        if (existing.isEmpty()) {
            tx.insertInto(INVITATION)
                    .set(INVITATION.AGENCY_ID, agencyId)
                    .set(INVITATION.SERVICE_ID, serviceId)
                    .set(INVITATION.DOSSIER_CODE, dossierCode)
                    .set(INVITATION.TOKEN, token)
                    .set(INVITATION.CREATED_BY, keyId)
                    .set(INVITATION.CENTRE_ID, centreId)
                    .set(INVITATION.CHANNEL, channel)
                    .execute();
        } else if (centreId != null || channel != null) {
            tx.update(INVITATION)
                    .set(INVITATION.CENTRE_ID, centreId == null ? INVITATION.CENTRE_ID : org.jooq.impl.DSL.val(centreId))
                    .set(INVITATION.CHANNEL, channel == null ? INVITATION.CHANNEL : org.jooq.impl.DSL.val(channel))
                    .where(INVITATION.TOKEN.eq(token))
                    .execute();
        }
        return invitation(tx, token).orElseThrow();
    }

    Optional<Invitation> invitation(DSLContext tx, String token) {
        return tx.selectFrom(INVITATION).where(INVITATION.TOKEN.eq(token)).fetchOptional()
                .map(i -> new Invitation(token, i.getDossierCode(), unit(i.getAgencyId()), service(i.getServiceId()),
                        i.getCreatedAt(), i.getUsedAt()));
    }

    /** An agency a centre serves: its id and how it is named. */
    record Served(long id, Named agency) {
    }

    /**
     * The agencies a centre serves, which its kiosk rates and a rating naming the centre may be about: for a
     * provincial public-service centre, the departments it hosts; for any other centre, its own unit.
     */
    List<Served> served(long centreId) {
        var unitId = dsl.select(SERVICE_CENTRE.UNIT_ID).from(SERVICE_CENTRE).where(SERVICE_CENTRE.ID.eq(centreId))
                .fetchSingle(SERVICE_CENTRE.UNIT_ID);
        var departments = dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN)
                .from(UNIT)
                .where(UNIT.PARENT_ID.eq(unitId)).and(UNIT.KIND.eq("department")).and(UNIT.ACTIVE)
                .orderBy(UNIT.NAME_VI)
                .fetch(r -> new Served(r.value1(), new Named(r.value2(), r.value3(), r.value4())));
        if (!departments.isEmpty()) {
            return departments;
        }
        return dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN).from(UNIT).where(UNIT.ID.eq(unitId))
                .fetch(r -> new Served(r.value1(), new Named(r.value2(), r.value3(), r.value4())));
    }

    List<Named> agenciesServedBy(long centreId) {
        return served(centreId).stream().map(Served::agency).toList();
    }

    /** An invitation as a rating checks it: what it binds the rating to. */
    record Binding(long agencyId, Long serviceId, String dossierCode, boolean used) {
    }

    Optional<Binding> binding(String token) {
        return dsl.select(INVITATION.AGENCY_ID, INVITATION.SERVICE_ID, INVITATION.DOSSIER_CODE, INVITATION.USED_AT)
                .from(INVITATION).where(INVITATION.TOKEN.eq(token))
                .fetchOptional(r -> new Binding(r.value1(), r.value2(), r.value3(), r.value4() != null));
    }

    List<Named> counters(long centreId) {
        return dsl.select(COUNTER.CODE, COUNTER.NAME_VI, COUNTER.NAME_EN)
                .from(COUNTER).where(COUNTER.CENTRE_ID.eq(centreId)).and(COUNTER.ACTIVE).orderBy(COUNTER.CODE)
                .fetch(org.jooq.Records.mapping(Named::new));
    }

    Named centre(Long id) {
        return id == null ? null : dsl.select(SERVICE_CENTRE.CODE, SERVICE_CENTRE.NAME_VI, SERVICE_CENTRE.NAME_EN)
                .from(SERVICE_CENTRE).where(SERVICE_CENTRE.ID.eq(id)).fetchOptional(org.jooq.Records.mapping(Named::new))
                .orElse(null);
    }

    String kioskQuestionnaire(long centreId) {
        return Optional.ofNullable(dsl.select(SERVICE_CENTRE.KIOSK_QUESTIONNAIRE_CODE).from(SERVICE_CENTRE)
                .where(SERVICE_CENTRE.ID.eq(centreId)).fetchSingle(SERVICE_CENTRE.KIOSK_QUESTIONNAIRE_CODE)).orElse("KIOSK");
    }

    private Named unit(Long id) {
        return id == null ? null : dsl.select(UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN).from(UNIT).where(UNIT.ID.eq(id))
                .fetchOptional(org.jooq.Records.mapping(Named::new)).orElse(null);
    }

    private Named service(Long id) {
        return id == null ? null : dsl.select(SERVICE.CODE, SERVICE.NAME_VI, SERVICE.NAME_EN).from(SERVICE)
                .where(SERVICE.ID.eq(id)).fetchOptional(org.jooq.Records.mapping(Named::new)).orElse(null);
    }
}
