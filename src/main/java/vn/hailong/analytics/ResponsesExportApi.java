package vn.hailong.analytics;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;
import static org.jooq.impl.DSL.noCondition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import vn.hailong.export.Download;
import vn.hailong.http.Invalid;
import vn.hailong.survey.Forms;

/**
 * GET /api/v1/responses/export?format=csv|xlsx: the raw responses of one questionnaire (SIPAS unless
 * {@code questionnaire} names another; every published version, or the one {@code version} names), one row
 * each, in the layout {@code analyze} reads: response_id, submitted_at (Vietnam time), agency_code,
 * service_code, centre_code, stratum, channel, version, one column per indicator code, quality_flags and
 * comment. Within the caller's scope and the analytics filters; streamed, so memory does not grow with the
 * file. Nothing identifying is stored, and dossier codes and respondent profiles are left out all the same.
 */
public final class ResponsesExportApi {
    private static final List<String> BEFORE = List.of("response_id", "submitted_at", "agency_code", "service_code",
            "centre_code", "stratum", "channel", "version");
    private static final List<String> AFTER = List.of("quality_flags", "comment");

    private final DSLContext dsl;
    private final Forms forms;

    public ResponsesExportApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.forms = forms;
    }

    public void get(Context ctx) {
        var format = Download.required(ctx);
        var scope = principal(ctx).scope();
        var questionnaire = AnalyticsRequest.text(ctx, "questionnaire") == null ? "SIPAS"
                : AnalyticsRequest.text(ctx, "questionnaire");
        Integer version = AnalyticsRequest.text(ctx, "version") == null ? null
                : AnalyticsRequest.integer(ctx, "version", 1, 1, 1_000_000);
        var filter = AnalyticsRequest.filter(ctx, dsl, scope, true);
        var versions = dsl.select(QUESTIONNAIRE_VERSION.ID, QUESTIONNAIRE_VERSION.VERSION)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(questionnaire))
                .and(QUESTIONNAIRE_VERSION.STATUS.eq("published"))
                .and(version == null ? noCondition() : QUESTIONNAIRE_VERSION.VERSION.eq(version))
                .orderBy(QUESTIONNAIRE_VERSION.VERSION.desc())
                .fetchMap(QUESTIONNAIRE_VERSION.ID, QUESTIONNAIRE_VERSION.VERSION);
        if (versions.isEmpty()) {
            throw version == null
                    ? Invalid.field("questionnaire", "no published questionnaire '" + questionnaire + "'")
                    : Invalid.field("version", "questionnaire '" + questionnaire + "' has no published version " + version);
        }
        var layout = Layout.of(forms, versions.keySet());
        var query = dsl.select(RESPONSE.ID, RESPONSE.SUBMITTED_AT, UNIT.CODE, SERVICE.CODE, SERVICE_CENTRE.CODE,
                        RESPONSE.STRATUM, RESPONSE.CHANNEL, RESPONSE.QUESTIONNAIRE_VERSION_ID, RESPONSE.ANSWERS,
                        RESPONSE.QUALITY_FLAGS, RESPONSE.COMMENT)
                .from(RESPONSE)
                .join(UNIT).on(UNIT.ID.eq(RESPONSE.AGENCY_ID))
                .leftJoin(SERVICE).on(SERVICE.ID.eq(RESPONSE.SERVICE_ID))
                .leftJoin(SERVICE_CENTRE).on(SERVICE_CENTRE.ID.eq(RESPONSE.CENTRE_ID))
                .where(RESPONSE.QUESTIONNAIRE_VERSION_ID.in(versions.keySet()))
                .and(scope.covers(RESPONSE.AGENCY_ID))
                .and(filter.onResponses())
                .orderBy(RESPONSE.SUBMITTED_AT, RESPONSE.ID);
        Download.stream(ctx, format, AnalyticsTables.fileName(ctx, "responses_" + questionnaire), sheet -> {
            var header = new ArrayList<Object>(BEFORE);
            header.addAll(layout.codes());
            header.addAll(AFTER);
            sheet.row(header);
            Streaming.forEach(dsl, query, r -> {
                var row = new ArrayList<Object>(header.size());
                row.add(r.value1());
                row.add(Streaming.vietnamTime(r.value2()));
                row.add(r.value3());
                row.add(r.value4());
                row.add(r.value5());
                row.add(r.value6());
                row.add(r.value7());
                row.add(versions.get(r.value8()));
                layout.answers(r.value8(), r.value9(), row);
                row.add(r.value10() == null || r.value10().length == 0 ? null : String.join(";", r.value10()));
                row.add(r.value11());
                sheet.row(row);
            });
        });
    }

    /**
     * The indicator codes of the versions exported, newest version's order first (codes are stable across
     * versions, so one column holds one question in every version), and where each sits in each version's answers.
     */
    record Layout(List<String> codes, Map<Long, int[]> positions) {
        static Layout of(Forms forms, Iterable<Long> versionIds) {
            var codes = new LinkedHashMap<String, Boolean>();
            var questions = new HashMap<Long, Map<String, Forms.Question>>();
            for (var id : versionIds) {
                var form = forms.published(id).orElseThrow();
                questions.put(id, form.questions());
                form.questions().keySet().forEach(code -> codes.putIfAbsent(code, true));
            }
            var ordered = List.copyOf(codes.keySet());
            var positions = new HashMap<Long, int[]>();
            questions.forEach((id, byCode) -> positions.put(id, ordered.stream()
                    .mapToInt(code -> byCode.containsKey(code) ? byCode.get(code).position() - 1 : -1).toArray()));
            return new Layout(ordered, positions);
        }

        /** Appends one cell per code: the level answered, or empty (not applicable, or not in that version). */
        void answers(Long versionId, Short[] answers, List<Object> row) {
            for (int p : positions.get(versionId)) {
                row.add(p >= 0 && p < answers.length && answers[p] != null ? Integer.valueOf(answers[p]) : null);
            }
        }
    }
}
