package vn.hailong.home;

import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.RESPONSE_TALLY;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;

import java.util.List;

import org.jooq.DSLContext;

import io.javalin.http.Context;

/** GET /api/v1/overview: what this installation holds, in totals only, for the landing page. */
public final class Overview {
    private final DSLContext dsl;

    public Overview(DSLContext dsl) {
        this.dsl = dsl;
    }

    record QuestionnaireSummary(String code, String nameVi, String nameEn, String methodology, Integer latestVersion) {
    }

    record YearTotal(int year, long responses) {
    }

    record Summary(int units, int services, int centres, List<QuestionnaireSummary> questionnaires,
                   List<YearTotal> responsesByYear) {
    }

    public void get(Context ctx) {
        ctx.json(summary());
    }

    Summary summary() {
        var questionnaires = dsl.select(QUESTIONNAIRE.CODE, QUESTIONNAIRE.NAME_VI, QUESTIONNAIRE.NAME_EN,
                        QUESTIONNAIRE.METHODOLOGY, max(QUESTIONNAIRE_VERSION.VERSION))
                .from(QUESTIONNAIRE)
                .leftJoin(QUESTIONNAIRE_VERSION).on(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID.eq(QUESTIONNAIRE.ID)
                        .and(QUESTIONNAIRE_VERSION.STATUS.eq("published")))
                .groupBy(QUESTIONNAIRE.ID)
                .orderBy(QUESTIONNAIRE.ID)
                .fetch(mapping(QuestionnaireSummary::new));
        var years = dsl.select(RESPONSE_TALLY.YEAR, sum(RESPONSE_TALLY.RESPONSES))
                .from(RESPONSE_TALLY)
                .groupBy(RESPONSE_TALLY.YEAR)
                .orderBy(RESPONSE_TALLY.YEAR)
                .fetch(r -> new YearTotal(r.value1(), r.value2().longValue()));
        return new Summary(
                dsl.fetchCount(UNIT, UNIT.ACTIVE.isTrue()),
                dsl.fetchCount(SERVICE, SERVICE.ACTIVE.isTrue()),
                dsl.fetchCount(SERVICE_CENTRE, SERVICE_CENTRE.ACTIVE.isTrue()),
                questionnaires,
                years);
    }
}
