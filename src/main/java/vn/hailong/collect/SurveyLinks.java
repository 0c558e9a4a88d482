package vn.hailong.collect;

import static vn.hailong.db.schema.Tables.COUNTER;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.SURVEY_LINK;
import static vn.hailong.db.schema.Tables.UNIT;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

import vn.hailong.collect.Places.Named;

/**
 * Survey links (/s/{code}): the short link of a place where citizens rate an agency (the agency, and optionally a
 * procedure, a centre and its counter) with the questionnaire it opens. A place has at most one active link, so
 * asking again for its link gives the same poster; a deactivated link is no longer in use, and frees its place for a
 * new one. Each rating made through a link names it (response.survey_link_id), which is how the links are counted.
 */
final class SurveyLinks {
    private static final String LINK_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom random = new SecureRandom();
    /** The ratings a link brought, read from the partial index of response on survey_link_id. */
    private static final Field<Long> RATINGS = field(select(count().coerce(Long.class))
            .from(RESPONSE)
            .where(RESPONSE.SURVEY_LINK_ID.eq(SURVEY_LINK.ID))).as("ratings");

    private final DSLContext dsl;

    SurveyLinks(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What a link is for; null parts were not given. */
    record Place(long agencyId, Long serviceId, Long centreId, Long counterId, String questionnaire) {
    }

    /** A link and what it names, by code and name. */
    record Link(String code, long agencyId, Named agency, Named service, Named centre, Named counter,
                String questionnaire, OffsetDateTime createdAt, boolean active) {
    }

    /** A link with the ratings it has brought. */
    record Counted(Link link, long ratings) {
    }

    /** The active link of a place, if it has one. */
    Optional<String> activeCode(DSLContext tx, Place place) {
        return tx.select(SURVEY_LINK.CODE)
                .from(SURVEY_LINK)
                .where(samePlace(place))
                .and(SURVEY_LINK.ACTIVE)
                .fetchOptional(SURVEY_LINK.CODE);
    }

    /** A new link for the place, with a code of its own. */
    String insert(DSLContext tx, Place place) {
        var code = newCode();
        tx.insertInto(SURVEY_LINK)
                .set(SURVEY_LINK.CODE, code)
                .set(SURVEY_LINK.AGENCY_ID, place.agencyId())
                .set(SURVEY_LINK.SERVICE_ID, place.serviceId())
                .set(SURVEY_LINK.CENTRE_ID, place.centreId())
                .set(SURVEY_LINK.COUNTER_ID, place.counterId())
                .set(SURVEY_LINK.QUESTIONNAIRE, place.questionnaire())
                .execute();
        return code;
    }

    /** The link of a code, active or not. */
    Optional<Link> find(DSLContext tx, String code, Condition scope) {
        return tx.select(columns())
                .from(joined())
                .where(SURVEY_LINK.CODE.eq(code))
                .and(scope)
                .fetchOptional(SurveyLinks::link);
    }

    Optional<Link> find(String code) {
        return find(dsl, code, noCondition());
    }

    /** The links of the agencies in scope with the ratings each brought, newest first. */
    List<Counted> list(Condition scope) {
        return dsl.select(columns())
                .select(RATINGS)
                .from(joined())
                .where(scope)
                .orderBy(SURVEY_LINK.CREATED_AT.desc(), SURVEY_LINK.CODE)
                .fetch(r -> new Counted(link(r), r.get(RATINGS)));
    }

    long ratings(DSLContext tx, String code) {
        return tx.select(RATINGS).from(SURVEY_LINK).where(SURVEY_LINK.CODE.eq(code)).fetchSingle(RATINGS);
    }

    /** Another active link of the same place as this one: what keeps this one from being reactivated. */
    Optional<String> otherActive(DSLContext tx, String code) {
        var place = tx.selectFrom(SURVEY_LINK).where(SURVEY_LINK.CODE.eq(code)).fetchSingle();
        return tx.select(SURVEY_LINK.CODE)
                .from(SURVEY_LINK)
                .where(samePlace(new Place(place.getAgencyId(), place.getServiceId(), place.getCentreId(),
                        place.getCounterId(), place.getQuestionnaire())))
                .and(SURVEY_LINK.ACTIVE)
                .and(SURVEY_LINK.CODE.ne(code))
                .fetchOptional(SURVEY_LINK.CODE);
    }

    void setActive(DSLContext tx, String code, boolean active) {
        tx.update(SURVEY_LINK).set(SURVEY_LINK.ACTIVE, active).where(SURVEY_LINK.CODE.eq(code)).execute();
    }

    private static Condition samePlace(Place place) {
        return SURVEY_LINK.AGENCY_ID.eq(place.agencyId())
                .and(coalesce(SURVEY_LINK.SERVICE_ID, inline(0L)).eq(orZero(place.serviceId())))
                .and(coalesce(SURVEY_LINK.CENTRE_ID, inline(0L)).eq(orZero(place.centreId())))
                .and(coalesce(SURVEY_LINK.COUNTER_ID, inline(0L)).eq(orZero(place.counterId())))
                .and(SURVEY_LINK.QUESTIONNAIRE.eq(place.questionnaire()));
    }

    private static long orZero(Long id) {
        return id == null ? 0L : id;
    }

    private static org.jooq.Table<?> joined() {
        return SURVEY_LINK
                .join(UNIT).on(UNIT.ID.eq(SURVEY_LINK.AGENCY_ID))
                .leftJoin(SERVICE).on(SERVICE.ID.eq(SURVEY_LINK.SERVICE_ID))
                .leftJoin(SERVICE_CENTRE).on(SERVICE_CENTRE.ID.eq(SURVEY_LINK.CENTRE_ID))
                .leftJoin(COUNTER).on(COUNTER.ID.eq(SURVEY_LINK.COUNTER_ID));
    }

    private static List<Field<?>> columns() {
        return List.of(SURVEY_LINK.CODE, SURVEY_LINK.AGENCY_ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN,
                SERVICE.CODE, SERVICE.NAME_VI, SERVICE.NAME_EN,
                SERVICE_CENTRE.CODE, SERVICE_CENTRE.NAME_VI, SERVICE_CENTRE.NAME_EN,
                COUNTER.CODE, COUNTER.NAME_VI, COUNTER.NAME_EN,
                SURVEY_LINK.QUESTIONNAIRE, SURVEY_LINK.CREATED_AT, SURVEY_LINK.ACTIVE);
    }

    private static Link link(Record r) {
        return new Link(r.get(SURVEY_LINK.CODE), r.get(SURVEY_LINK.AGENCY_ID),
                named(r, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN),
                named(r, SERVICE.CODE, SERVICE.NAME_VI, SERVICE.NAME_EN),
                named(r, SERVICE_CENTRE.CODE, SERVICE_CENTRE.NAME_VI, SERVICE_CENTRE.NAME_EN),
                named(r, COUNTER.CODE, COUNTER.NAME_VI, COUNTER.NAME_EN),
                r.get(SURVEY_LINK.QUESTIONNAIRE), r.get(SURVEY_LINK.CREATED_AT), r.get(SURVEY_LINK.ACTIVE));
    }

    /** A part the link names, or null when it names none (its columns are null from the outer join). */
    private static Named named(Record r, Field<String> code, Field<String> nameVi, Field<String> nameEn) {
        return r.get(code) == null ? null : new Named(r.get(code), r.get(nameVi), r.get(nameEn));
    }

    private static String newCode() {
        var sb = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            sb.append(LINK_ALPHABET.charAt(random.nextInt(LINK_ALPHABET.length())));
        }
        return sb.toString();
    }
}
