package vn.hailong.publications;

import static vn.hailong.db.schema.Tables.PUBLICATION;
import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.UNIT_KIND;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SelectJoinStep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hailong.analytics.YearFigures;
import vn.hailong.audit.AuditLog;
import vn.hailong.stats.Estimate;
import vn.hailong.survey.Forms;

/**
 * Published results: a unit's figures for a year and a questionnaire, frozen when an admin publishes them. Publishing
 * again replaces the snapshot; unpublishing deletes it. Both are written to the audit log in the same transaction.
 */
public final class Publications {
    private static final ObjectMapper mapper = new ObjectMapper();

    /** A unit as publications name it, with its kind (the ranking ranks units of one kind together). */
    record Unit(long id, String code, String nameVi, String nameEn, String kind, String kindVi, String kindEn,
                int kindRank) {
    }

    /** The figures frozen at publication; index, elements and band are null when suppressed. */
    record Publication(Unit unit, int year, String questionnaire, OffsetDateTime publishedAt, String publishedBy,
                       int minN, long n, boolean suppressed, Estimate index, Map<String, Estimate> elements,
                       String band) {
    }

    /** What the figures column holds. */
    record Frozen(Estimate index, Map<String, Estimate> elements, String band) {
    }

    private final DSLContext dsl;

    Publications(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Unit> unit(String code) {
        return dsl.select(unitFields())
                .from(UNIT)
                .join(UNIT_KIND).on(UNIT_KIND.CODE.eq(UNIT.KIND))
                .where(UNIT.CODE.eq(code))
                .fetchOptional(Publications::unit);
    }

    /** Every unit, ordered by kind then code, for the admin's list. */
    List<Unit> units() {
        return dsl.select(unitFields())
                .from(UNIT)
                .join(UNIT_KIND).on(UNIT_KIND.CODE.eq(UNIT.KIND))
                .where(UNIT.ACTIVE)
                .orderBy(UNIT_KIND.RANK, UNIT.CODE)
                .fetch(Publications::unit);
    }

    Optional<Publication> find(long unitId, int year, String questionnaire) {
        return select()
                .where(PUBLICATION.UNIT_ID.eq(unitId))
                .and(PUBLICATION.YEAR.eq(year))
                .and(PUBLICATION.QUESTIONNAIRE.eq(questionnaire))
                .fetchOptional(Publications::publication);
    }

    /** The publications of a year and questionnaire, by kind then code. */
    List<Publication> of(int year, String questionnaire) {
        return select()
                .where(PUBLICATION.YEAR.eq(year))
                .and(PUBLICATION.QUESTIONNAIRE.eq(questionnaire))
                .orderBy(UNIT_KIND.RANK, UNIT.CODE)
                .fetch(Publications::publication);
    }

    /** The years something of the questionnaire is published for, newest first. */
    List<Integer> years(String questionnaire) {
        return dsl.selectDistinct(PUBLICATION.YEAR)
                .from(PUBLICATION)
                .where(PUBLICATION.QUESTIONNAIRE.eq(questionnaire))
                .orderBy(PUBLICATION.YEAR.desc())
                .fetch(PUBLICATION.YEAR);
    }

    /** The questionnaires something is published for. */
    List<String> questionnaires() {
        return dsl.selectDistinct(PUBLICATION.QUESTIONNAIRE)
                .from(PUBLICATION)
                .orderBy(PUBLICATION.QUESTIONNAIRE)
                .fetch(PUBLICATION.QUESTIONNAIRE);
    }

    /** Freezes the figures given (computed now) for the unit, year and questionnaire, replacing an earlier snapshot. */
    Publication publish(String actor, Unit unit, int year, String questionnaire, YearFigures figures) {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = new Publications(tx).find(unit.id(), year, questionnaire).orElse(null);
            var frozen = figures.suppressed() ? null
                    : JSON.valueOf(json(new Frozen(figures.index(), figures.elements(), figures.band())));
            tx.insertInto(PUBLICATION)
                    .set(PUBLICATION.UNIT_ID, unit.id())
                    .set(PUBLICATION.YEAR, year)
                    .set(PUBLICATION.QUESTIONNAIRE, questionnaire)
                    .set(PUBLICATION.PUBLISHED_BY, actor)
                    .set(PUBLICATION.MIN_N, figures.minN())
                    .set(PUBLICATION.N, figures.n())
                    .set(PUBLICATION.SUPPRESSED, figures.suppressed())
                    .set(PUBLICATION.FIGURES, frozen)
                    .onConflict(PUBLICATION.UNIT_ID, PUBLICATION.YEAR, PUBLICATION.QUESTIONNAIRE)
                    .doUpdate()
                    .set(PUBLICATION.PUBLISHED_AT, OffsetDateTime.now())
                    .set(PUBLICATION.PUBLISHED_BY, actor)
                    .set(PUBLICATION.MIN_N, figures.minN())
                    .set(PUBLICATION.N, figures.n())
                    .set(PUBLICATION.SUPPRESSED, figures.suppressed())
                    .set(PUBLICATION.FIGURES, frozen)
                    .execute();
            var after = new Publications(tx).find(unit.id(), year, questionnaire).orElseThrow();
            AuditLog.record(tx, actor, "publish", "publication", key(unit, year, questionnaire), unit.id(),
                    before, after);
            return after;
        });
    }

    /**
     * Publishes every active unit with ratings in the year (the demo province's last full year, so the public page
     * shows something from the first start); returns how many were published.
     */
    public static int publishEvery(DSLContext dsl, Forms forms, String actor, int year, String questionnaire) {
        var publications = new Publications(dsl);
        int published = 0;
        for (var unit : publications.units()) {
            var figures = YearFigures.of(dsl, forms, questionnaire, unit.id(), year);
            if (figures.isPresent() && figures.get().n() > 0) {
                publications.publish(actor, unit, year, questionnaire, figures.get());
                published++;
            }
        }
        return published;
    }

    /** Withdraws a publication; false when there was none. */
    boolean unpublish(String actor, Unit unit, int year, String questionnaire) {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = new Publications(tx).find(unit.id(), year, questionnaire);
            if (before.isEmpty()) {
                return false;
            }
            tx.deleteFrom(PUBLICATION)
                    .where(PUBLICATION.UNIT_ID.eq(unit.id()))
                    .and(PUBLICATION.YEAR.eq(year))
                    .and(PUBLICATION.QUESTIONNAIRE.eq(questionnaire))
                    .execute();
            AuditLog.record(tx, actor, "unpublish", "publication", key(unit, year, questionnaire), unit.id(),
                    before.get(), null);
            return true;
        });
    }

    private static String key(Unit unit, int year, String questionnaire) {
        return unit.code() + "/" + year + "/" + questionnaire;
    }

    private SelectJoinStep<Record> select() {
        return dsl.select(unitFields())
                .select(PUBLICATION.YEAR, PUBLICATION.QUESTIONNAIRE, PUBLICATION.PUBLISHED_AT, PUBLICATION.PUBLISHED_BY,
                        PUBLICATION.MIN_N, PUBLICATION.N, PUBLICATION.SUPPRESSED, PUBLICATION.FIGURES)
                .from(PUBLICATION)
                .join(UNIT).on(UNIT.ID.eq(PUBLICATION.UNIT_ID))
                .join(UNIT_KIND).on(UNIT_KIND.CODE.eq(UNIT.KIND));
    }

    private static List<SelectField<?>> unitFields() {
        return List.of(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, UNIT.KIND, UNIT_KIND.NAME_VI, UNIT_KIND.NAME_EN,
                UNIT_KIND.RANK);
    }

    private static Unit unit(Record r) {
        return new Unit(r.get(UNIT.ID), r.get(UNIT.CODE), r.get(UNIT.NAME_VI), r.get(UNIT.NAME_EN), r.get(UNIT.KIND),
                r.get(UNIT_KIND.NAME_VI), r.get(UNIT_KIND.NAME_EN), r.get(UNIT_KIND.RANK));
    }

    private static Publication publication(Record r) {
        var frozen = r.get(PUBLICATION.FIGURES) == null ? new Frozen(null, null, null)
                : read(r.get(PUBLICATION.FIGURES).data());
        return new Publication(unit(r), r.get(PUBLICATION.YEAR), r.get(PUBLICATION.QUESTIONNAIRE),
                r.get(PUBLICATION.PUBLISHED_AT), r.get(PUBLICATION.PUBLISHED_BY), r.get(PUBLICATION.MIN_N),
                r.get(PUBLICATION.N), r.get(PUBLICATION.SUPPRESSED), frozen.index(), frozen.elements(), frozen.band());
    }

    private static String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot freeze figures", e);
        }
    }

    private static Frozen read(String json) {
        try {
            return mapper.readValue(json, Frozen.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable publication figures", e);
        }
    }
}
