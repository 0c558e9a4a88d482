package vn.hailong.survey;

import static vn.hailong.db.schema.Tables.CHANNEL;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.SCALE;
import static vn.hailong.db.schema.Tables.SCALE_LEVEL;
import static vn.hailong.db.schema.Tables.UNIT_KIND;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.db.Locks;
import vn.hailong.survey.Templates.Questionnaire;

/**
 * Seeds what every installation needs, on every start and idempotently: scales, channels, unit kinds
 * and the published first versions of the default questionnaires. Existing rows are never changed.
 */
public final class DefaultContent {
    private static final Logger log = LoggerFactory.getLogger(DefaultContent.class);

    private final DSLContext dsl;

    public DefaultContent(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void seed() {
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            // Two servers starting at once must not both create version 1.
            Locks.hold(tx, Locks.DEFAULT_CONTENT);
            int created = 0;
            for (var kind : Templates.UNIT_KINDS) {
                created += tx.insertInto(UNIT_KIND)
                        .set(UNIT_KIND.CODE, kind.code())
                        .set(UNIT_KIND.NAME_VI, kind.nameVi())
                        .set(UNIT_KIND.NAME_EN, kind.nameEn())
                        .set(UNIT_KIND.RANK, kind.rank())
                        .onConflictDoNothing()
                        .execute();
            }
            for (var channel : Templates.CHANNELS) {
                created += tx.insertInto(CHANNEL)
                        .set(CHANNEL.CODE, channel.code())
                        .set(CHANNEL.NAME_VI, channel.nameVi())
                        .set(CHANNEL.NAME_EN, channel.nameEn())
                        .onConflictDoNothing()
                        .execute();
            }
            for (var scale : Templates.SCALES) {
                created += tx.insertInto(SCALE)
                        .set(SCALE.CODE, scale.code())
                        .set(SCALE.NAME_VI, scale.nameVi())
                        .set(SCALE.NAME_EN, scale.nameEn())
                        .set(SCALE.ORDINAL, scale.ordinal())
                        .set(SCALE.SATISFIED_FROM, scale.satisfiedFrom())
                        .onConflictDoNothing()
                        .execute();
                for (int i = 0; i < scale.levels().size(); i++) {
                    var level = scale.levels().get(i);
                    created += tx.insertInto(SCALE_LEVEL)
                            .set(SCALE_LEVEL.SCALE_CODE, scale.code())
                            .set(SCALE_LEVEL.SCORE, (short) (i + 1))
                            .set(SCALE_LEVEL.LABEL_VI, level.vi())
                            .set(SCALE_LEVEL.LABEL_EN, level.en())
                            .onConflictDoNothing()
                            .execute();
                }
            }
            for (var questionnaire : Templates.QUESTIONNAIRES) {
                created += seedQuestionnaire(tx, questionnaire);
            }
            if (created > 0) {
                log.info("event=default_content_seeded rows={}", created);
            }
        });
    }

    /** Creates the questionnaire and publishes its version 1, unless it already exists. */
    private static int seedQuestionnaire(DSLContext tx, Questionnaire q) {
        int created = tx.insertInto(QUESTIONNAIRE)
                .set(QUESTIONNAIRE.CODE, q.code())
                .set(QUESTIONNAIRE.NAME_VI, q.nameVi())
                .set(QUESTIONNAIRE.NAME_EN, q.nameEn())
                .set(QUESTIONNAIRE.METHODOLOGY, q.methodology())
                .onConflictDoNothing()
                .execute();
        var questionnaireId = tx.select(QUESTIONNAIRE.ID)
                .from(QUESTIONNAIRE)
                .where(QUESTIONNAIRE.CODE.eq(q.code()))
                .fetchSingle(QUESTIONNAIRE.ID);
        if (tx.fetchExists(QUESTIONNAIRE_VERSION, QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID.eq(questionnaireId))) {
            return created;
        }
        var versionId = tx.insertInto(QUESTIONNAIRE_VERSION)
                .set(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID, questionnaireId)
                .set(QUESTIONNAIRE_VERSION.VERSION, 1)
                .set(QUESTIONNAIRE_VERSION.TITLE_VI, q.titleVi())
                .set(QUESTIONNAIRE_VERSION.TITLE_EN, q.titleEn())
                .set(QUESTIONNAIRE_VERSION.INTRO_VI, q.introVi())
                .set(QUESTIONNAIRE_VERSION.INTRO_EN, q.introEn())
                .returning(QUESTIONNAIRE_VERSION.ID)
                .fetchSingle(QUESTIONNAIRE_VERSION.ID);
        Questionnaires.insertContent(tx, versionId, q.elements(), q.criteria());
        tx.update(QUESTIONNAIRE_VERSION)
                .set(QUESTIONNAIRE_VERSION.STATUS, "published")
                .set(QUESTIONNAIRE_VERSION.PUBLISHED_AT, OffsetDateTime.now())
                .where(QUESTIONNAIRE_VERSION.ID.eq(versionId))
                .execute();
        return created + 1 + q.elements().size() + q.criteria().size();
    }
}
