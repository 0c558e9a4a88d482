package vn.hailong.survey;

import static vn.hailong.db.schema.Tables.CRITERION;
import static vn.hailong.db.schema.Tables.ELEMENT;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.SCALE;
import static vn.hailong.db.schema.Tables.SCALE_LEVEL;
import static org.jooq.impl.DSL.max;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.survey.Templates.Criterion;
import vn.hailong.survey.Templates.Element;

/** Questionnaires and their versions: read, create from a preset, edit drafts, publish. */
public final class Questionnaires {
    private final DSLContext dsl;

    public Questionnaires(DSLContext dsl) {
        this.dsl = dsl;
    }

    record VersionSummary(long id, int version, String status, OffsetDateTime publishedAt) {
    }

    record Summary(long id, String code, String nameVi, String nameEn, String methodology,
                          List<VersionSummary> versions) {
    }

    /** A version's whole content, in the shape the editor sends back. */
    public record Content(String titleVi, String titleEn, String introVi, String introEn, List<Element> elements,
                          List<Criterion> criteria) {
    }

    public record Version(long id, long questionnaireId, String questionnaire, String methodology, int version,
                          String status, OffsetDateTime publishedAt, Content content) {
    }

    public record Level(short score, String labelVi, String labelEn) {
    }

    public record Scale(String code, String nameVi, String nameEn, boolean ordinal, Short satisfiedFrom,
                        List<Level> levels) {
    }

    List<Summary> list() {
        return dsl.selectFrom(QUESTIONNAIRE).orderBy(QUESTIONNAIRE.ID).fetch(q -> summary(dsl, q.getId()).orElseThrow());
    }

    Optional<Summary> summary(DSLContext tx, long id) {
        return tx.selectFrom(QUESTIONNAIRE).where(QUESTIONNAIRE.ID.eq(id)).fetchOptional(q -> new Summary(q.getId(),
                q.getCode(), q.getNameVi(), q.getNameEn(), q.getMethodology(),
                tx.select(QUESTIONNAIRE_VERSION.ID, QUESTIONNAIRE_VERSION.VERSION, QUESTIONNAIRE_VERSION.STATUS,
                                QUESTIONNAIRE_VERSION.PUBLISHED_AT)
                        .from(QUESTIONNAIRE_VERSION)
                        .where(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID.eq(id))
                        .orderBy(QUESTIONNAIRE_VERSION.VERSION)
                        .fetch(org.jooq.Records.mapping(VersionSummary::new))));
    }

    Optional<Long> idByCode(DSLContext tx, String code) {
        return tx.select(QUESTIONNAIRE.ID).from(QUESTIONNAIRE).where(QUESTIONNAIRE.CODE.eq(code)).fetchOptional(QUESTIONNAIRE.ID);
    }

    public Optional<Version> version(DSLContext tx, long versionId) {
        return tx.select(QUESTIONNAIRE_VERSION.asterisk(), QUESTIONNAIRE.CODE, QUESTIONNAIRE.METHODOLOGY)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE_VERSION.ID.eq(versionId))
                .fetchOptional(r -> new Version(versionId, r.get(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID),
                        r.get(QUESTIONNAIRE.CODE), r.get(QUESTIONNAIRE.METHODOLOGY), r.get(QUESTIONNAIRE_VERSION.VERSION),
                        r.get(QUESTIONNAIRE_VERSION.STATUS), r.get(QUESTIONNAIRE_VERSION.PUBLISHED_AT),
                        new Content(r.get(QUESTIONNAIRE_VERSION.TITLE_VI), r.get(QUESTIONNAIRE_VERSION.TITLE_EN),
                                r.get(QUESTIONNAIRE_VERSION.INTRO_VI), r.get(QUESTIONNAIRE_VERSION.INTRO_EN),
                                elements(tx, versionId), criteria(tx, versionId))));
    }

    /** The newest published version of a questionnaire, if any. */
    Optional<Long> latestPublished(DSLContext tx, long questionnaireId) {
        return tx.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .where(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID.eq(questionnaireId))
                .and(QUESTIONNAIRE_VERSION.STATUS.eq("published"))
                .orderBy(QUESTIONNAIRE_VERSION.VERSION.desc())
                .limit(1)
                .fetchOptional(QUESTIONNAIRE_VERSION.ID);
    }

    Optional<Long> draft(DSLContext tx, long questionnaireId) {
        return tx.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .where(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID.eq(questionnaireId))
                .and(QUESTIONNAIRE_VERSION.STATUS.eq("draft"))
                .fetchOptional(QUESTIONNAIRE_VERSION.ID);
    }

    public List<Scale> scales() {
        var levels = dsl.selectFrom(SCALE_LEVEL).orderBy(SCALE_LEVEL.SCALE_CODE, SCALE_LEVEL.SCORE).fetchGroups(
                SCALE_LEVEL.SCALE_CODE, r -> new Level(r.getScore(), r.getLabelVi(), r.getLabelEn()));
        return dsl.selectFrom(SCALE).orderBy(SCALE.CODE).fetch(s -> new Scale(s.getCode(), s.getNameVi(), s.getNameEn(),
                s.getOrdinal(), s.getSatisfiedFrom(), levels.getOrDefault(s.getCode(), List.of())));
    }

    long createQuestionnaire(DSLContext tx, String code, String nameVi, String nameEn, String methodology) {
        return tx.insertInto(QUESTIONNAIRE)
                .set(QUESTIONNAIRE.CODE, code)
                .set(QUESTIONNAIRE.NAME_VI, nameVi)
                .set(QUESTIONNAIRE.NAME_EN, nameEn)
                .set(QUESTIONNAIRE.METHODOLOGY, methodology)
                .returning(QUESTIONNAIRE.ID)
                .fetchSingle(QUESTIONNAIRE.ID);
    }

    /** A new draft, numbered after the newest version, holding the given content. */
    long createDraft(DSLContext tx, long questionnaireId, Content content) {
        int next = Optional.ofNullable(tx.select(max(QUESTIONNAIRE_VERSION.VERSION))
                .from(QUESTIONNAIRE_VERSION)
                .where(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID.eq(questionnaireId))
                .fetchOne(0, Integer.class)).orElse(0) + 1;
        long versionId = tx.insertInto(QUESTIONNAIRE_VERSION)
                .set(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID, questionnaireId)
                .set(QUESTIONNAIRE_VERSION.VERSION, next)
                .set(QUESTIONNAIRE_VERSION.TITLE_VI, content.titleVi())
                .set(QUESTIONNAIRE_VERSION.TITLE_EN, content.titleEn())
                .set(QUESTIONNAIRE_VERSION.INTRO_VI, content.introVi())
                .set(QUESTIONNAIRE_VERSION.INTRO_EN, content.introEn())
                .returning(QUESTIONNAIRE_VERSION.ID)
                .fetchSingle(QUESTIONNAIRE_VERSION.ID);
        insertContent(tx, versionId, content.elements(), content.criteria());
        return versionId;
    }

    /** Replaces a draft's content; the database refuses this for a published version. */
    void replaceDraft(DSLContext tx, long versionId, Content content) {
        tx.deleteFrom(CRITERION).where(CRITERION.VERSION_ID.eq(versionId)).execute();
        tx.deleteFrom(ELEMENT).where(ELEMENT.VERSION_ID.eq(versionId)).execute();
        tx.update(QUESTIONNAIRE_VERSION)
                .set(QUESTIONNAIRE_VERSION.TITLE_VI, content.titleVi())
                .set(QUESTIONNAIRE_VERSION.TITLE_EN, content.titleEn())
                .set(QUESTIONNAIRE_VERSION.INTRO_VI, content.introVi())
                .set(QUESTIONNAIRE_VERSION.INTRO_EN, content.introEn())
                .where(QUESTIONNAIRE_VERSION.ID.eq(versionId))
                .execute();
        insertContent(tx, versionId, content.elements(), content.criteria());
    }

    void publish(DSLContext tx, long versionId) {
        tx.update(QUESTIONNAIRE_VERSION)
                .set(QUESTIONNAIRE_VERSION.STATUS, "published")
                .set(QUESTIONNAIRE_VERSION.PUBLISHED_AT, OffsetDateTime.now())
                .where(QUESTIONNAIRE_VERSION.ID.eq(versionId))
                .execute();
    }

    void deleteDraft(DSLContext tx, long versionId) {
        tx.deleteFrom(CRITERION).where(CRITERION.VERSION_ID.eq(versionId)).execute();
        tx.deleteFrom(ELEMENT).where(ELEMENT.VERSION_ID.eq(versionId)).execute();
        tx.deleteFrom(QUESTIONNAIRE_VERSION).where(QUESTIONNAIRE_VERSION.ID.eq(versionId)).execute();
    }

    static void insertContent(DSLContext tx, long versionId, List<Element> elements, List<Criterion> criteria) {
        var elementIds = new HashMap<String, Long>();
        short position = 1;
        for (var element : elements) {
            elementIds.put(element.code(), tx.insertInto(ELEMENT)
                    .set(ELEMENT.VERSION_ID, versionId)
                    .set(ELEMENT.CODE, element.code())
                    .set(ELEMENT.NAME_VI, element.nameVi())
                    .set(ELEMENT.NAME_EN, element.nameEn())
                    .set(ELEMENT.WEIGHT, element.weight())
                    .set(ELEMENT.POSITION, position++)
                    .returning(ELEMENT.ID)
                    .fetchSingle(ELEMENT.ID));
        }
        position = 1;
        for (var c : criteria) {
            tx.insertInto(CRITERION)
                    .set(CRITERION.VERSION_ID, versionId)
                    .set(CRITERION.ELEMENT_ID, c.element() == null ? null : elementIds.get(c.element()))
                    .set(CRITERION.INDICATOR_CODE, c.code())
                    .set(CRITERION.KIND, c.kind())
                    .set(CRITERION.TEXT_VI, c.textVi())
                    .set(CRITERION.TEXT_EN, c.textEn())
                    .set(CRITERION.SCALE_CODE, c.scale())
                    .set(CRITERION.REQUIRED, c.required())
                    .set(CRITERION.ALLOWS_NA, c.allowsNa())
                    .set(CRITERION.REQUIRED_IF_CODE, c.requiredIfCode())
                    .set(CRITERION.REQUIRED_IF_LEVELS, c.requiredIfLevels())
                    .set(CRITERION.POSITION, position++)
                    .execute();
        }
    }

    private static List<Element> elements(DSLContext tx, long versionId) {
        return tx.selectFrom(ELEMENT).where(ELEMENT.VERSION_ID.eq(versionId)).orderBy(ELEMENT.POSITION)
                .fetch(e -> new Element(e.getCode(), e.getNameVi(), e.getNameEn(), e.getWeight()));
    }

    private static List<Criterion> criteria(DSLContext tx, long versionId) {
        return tx.select(CRITERION.asterisk(), ELEMENT.CODE)
                .from(CRITERION)
                .leftJoin(ELEMENT).on(ELEMENT.ID.eq(CRITERION.ELEMENT_ID))
                .where(CRITERION.VERSION_ID.eq(versionId))
                .orderBy(CRITERION.POSITION)
                .fetch(r -> new Criterion(r.get(CRITERION.INDICATOR_CODE), r.get(CRITERION.KIND), r.get(ELEMENT.CODE),
                        r.get(CRITERION.SCALE_CODE), r.get(CRITERION.TEXT_VI), r.get(CRITERION.TEXT_EN),
                        r.get(CRITERION.REQUIRED), r.get(CRITERION.ALLOWS_NA), r.get(CRITERION.REQUIRED_IF_CODE),
                        r.get(CRITERION.REQUIRED_IF_LEVELS)));
    }
}
