package vn.hailong.analytics;

import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.COUNTER;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.SCALE_LEVEL;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

import io.javalin.http.Context;
import vn.hailong.export.Download;
import vn.hailong.http.Invalid;
import vn.hailong.survey.Forms;

/**
 * GET /api/v1/comments: what citizens wrote, newest first, each with its context: the answer to the overall question
 * given with it (level, the scale's label, satisfied or not), the procedure, the centre and the counter. Filtered by
 * the common filters, a search, the overall answer ({@code rating}: a level, {@code satisfied} or
 * {@code dissatisfied}) and an element ({@code element}: respondents not satisfied with at least one criterion of it).
 */
public final class CommentsApi {
    private final DSLContext dsl;
    private final Forms forms;

    public CommentsApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.forms = forms;
    }

    /** A page of comments, and whether more follow. */
    record Comments(int page, int size, boolean more, List<Comment> comments, BoundariesUsed boundaries) {
    }

    /**
     * What a citizen wrote, when, about which agency and procedure, where (centre, counter), through which channel,
     * and the overall answer given with it; null where none is known (rating: the questionnaire asks no overall
     * question, or it was not answered).
     */
    record Comment(OffsetDateTime submittedAt, Named agency, Named service, Named centre, Named counter, String channel,
                   Rating rating, String comment) {
    }

    /** An agency, procedure, centre or counter as a comment names it. */
    record Named(String code, String nameVi, String nameEn) {
        static Named of(String code, String nameVi, String nameEn) {
            return code == null ? null : new Named(code, nameVi, nameEn);
        }
    }

    /** The overall answer: its level of how many, the scale's label for it, and whether it counts as satisfied. */
    record Rating(int level, int levels, String labelVi, String labelEn, boolean satisfied) {
    }

    /** What a version's overall question is: where it sits in the answers, its scale and how its levels count. */
    private record Overall(int position, int levels, String scale, boolean[] satisfied) {
        /** The levels (1-based) that count as satisfied, or as not satisfied. */
        List<Short> levels(boolean satisfiedOnes) {
            var out = new ArrayList<Short>();
            for (int level = 1; level <= levels; level++) {
                if (satisfied[level] == satisfiedOnes) {
                    out.add((short) level);
                }
            }
            return out;
        }
    }

    /**
     * ?q=…&rating=…&element=…&page=&size=, with the common filters, within the caller's scope: of every questionnaire,
     * or of every version of the one asked for (an element is a questionnaire's: SIPAS unless one is asked for). As a
     * file (format=csv|xlsx), every comment the filters match, streamed; page and size are then ignored.
     */
    public void get(Context ctx) {
        var format = Download.requested(ctx);
        AnalyticsRequest.requireUnweighted(ctx, "comments are what citizens wrote");
        var scope = principal(ctx).scope();
        var filter = AnalyticsRequest.filter(ctx, dsl, scope, true);
        int page = AnalyticsRequest.integer(ctx, "page", 0, 0, 100_000);
        int size = AnalyticsRequest.integer(ctx, "size", 50, 1, 200);
        var q = AnalyticsRequest.text(ctx, "q");
        var element = AnalyticsRequest.text(ctx, "element");
        var code = AnalyticsRequest.text(ctx, "questionnaire");
        if (code == null && element != null) {
            code = "SIPAS";
        }
        var versions = code == null ? publishedVersions() : AnalyticsRequest.everyVersion(dsl, code);
        var overall = overall(versions);
        var labels = labels();
        Field<Short> overallAnswer = overallAnswer(overall);
        var query = dsl.select(RESPONSE.SUBMITTED_AT, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, SERVICE.CODE,
                        SERVICE.NAME_VI, SERVICE.NAME_EN, SERVICE_CENTRE.CODE, SERVICE_CENTRE.NAME_VI,
                        SERVICE_CENTRE.NAME_EN, COUNTER.CODE, COUNTER.NAME_VI, COUNTER.NAME_EN, RESPONSE.CHANNEL,
                        RESPONSE.QUESTIONNAIRE_VERSION_ID, overallAnswer, RESPONSE.COMMENT)
                .from(RESPONSE)
                .join(UNIT).on(UNIT.ID.eq(RESPONSE.AGENCY_ID))
                .leftJoin(SERVICE).on(SERVICE.ID.eq(RESPONSE.SERVICE_ID))
                .leftJoin(SERVICE_CENTRE).on(SERVICE_CENTRE.ID.eq(RESPONSE.CENTRE_ID))
                .leftJoin(COUNTER).on(COUNTER.ID.eq(RESPONSE.COUNTER_ID))
                .where(RESPONSE.COMMENT.isNotNull())
                .and(scope.covers(RESPONSE.AGENCY_ID))
                .and(filter.onResponses())
                .and(code == null ? noCondition() : RESPONSE.QUESTIONNAIRE_VERSION_ID.in(versions))
                .and(rating(ctx, overall))
                .and(element == null ? noCondition() : element(element, versions))
                .and(q == null ? noCondition() : RESPONSE.COMMENT.containsIgnoreCase(q))
                .orderBy(RESPONSE.SUBMITTED_AT.desc(), RESPONSE.ID.desc());
        if (format.isPresent()) {
            Download.stream(ctx, format.get(), AnalyticsTables.fileName(ctx, "comments"), sheet -> {
                sheet.row(List.of("submitted_at", "agency_code", "agency_name_vi", "agency_name_en", "service_code",
                        "service_name_vi", "service_name_en", "centre_code", "centre_name_vi", "centre_name_en",
                        "counter_code", "counter_name_vi", "counter_name_en", "channel", "overall_level",
                        "overall_levels", "overall_label_vi", "overall_label_en", "overall_satisfied", "comment"));
                Streaming.forEach(dsl, query, r -> {
                    var rating = rating(overall, labels, r.value15(), r.value16());
                    sheet.row(Arrays.asList(Streaming.vietnamTime(r.value1()), r.value2(), r.value3(), r.value4(),
                            r.value5(), r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11(),
                            r.value12(), r.value13(), r.value14(),
                            rating == null ? null : rating.level(), rating == null ? null : rating.levels(),
                            rating == null ? null : rating.labelVi(), rating == null ? null : rating.labelEn(),
                            rating == null ? null : rating.satisfied(), r.value17()));
                });
            });
            return;
        }
        var rows = query
                .limit(size + 1)
                .offset((long) page * size)
                .fetch(r -> new Comment(r.value1(), new Named(r.value2(), r.value3(), r.value4()),
                        Named.of(r.value5(), r.value6(), r.value7()), Named.of(r.value8(), r.value9(), r.value10()),
                        Named.of(r.value11(), r.value12(), r.value13()), r.value14(),
                        rating(overall, labels, r.value15(), r.value16()), r.value17()));
        boolean more = rows.size() > size;
        ctx.json(new Comments(page, size, more, more ? rows.subList(0, size) : rows,
                BoundariesUsed.of(dsl, filter, List.of(), false)));
    }

    private List<Long> publishedVersions() {
        return dsl.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .where(QUESTIONNAIRE_VERSION.STATUS.eq("published"))
                .fetch(QUESTIONNAIRE_VERSION.ID);
    }

    /** The overall question of each version that has one (a scored questionnaire with an overall question). */
    private Map<Long, Overall> overall(List<Long> versions) {
        var overall = new HashMap<Long, Overall>();
        for (long id : versions) {
            forms.published(id).ifPresent(form -> form.instrument().ifPresent(instrument ->
                    instrument.overall().ifPresent(code -> {
                        var question = form.questions().get(code);
                        var satisfied = new boolean[question.levels() + 1];
                        for (int level = 1; level <= question.levels(); level++) {
                            satisfied[level] = instrument.satisfied(level);
                        }
                        overall.put(id, new Overall(question.position(), question.levels(), question.scale(), satisfied));
                    })));
        }
        return overall;
    }

    /** The overall answer of a response, whichever version it answered; null for a version without one. */
    private static Field<Short> overallAnswer(Map<Long, Overall> overall) {
        if (overall.isEmpty()) {
            return inline((Short) null);
        }
        var sql = new StringBuilder("case {0}");
        overall.forEach((version, o) -> sql.append(" when ").append(version).append(" then {1}[")
                .append(o.position()).append(']'));
        sql.append(" end");
        return field(sql.toString(), Short.class, RESPONSE.QUESTIONNAIRE_VERSION_ID, RESPONSE.ANSWERS);
    }

    /** Each scale's labels by level: scale code → level → {vi, en}. */
    private Map<String, Map<Integer, String[]>> labels() {
        var labels = new HashMap<String, Map<Integer, String[]>>();
        dsl.select(SCALE_LEVEL.SCALE_CODE, SCALE_LEVEL.SCORE, SCALE_LEVEL.LABEL_VI, SCALE_LEVEL.LABEL_EN)
                .from(SCALE_LEVEL)
                .forEach(r -> labels.computeIfAbsent(r.value1(), k -> new HashMap<>())
                        .put(r.value2().intValue(), new String[] {r.value3(), r.value4()}));
        return labels;
    }

    private static Rating rating(Map<Long, Overall> overall, Map<String, Map<Integer, String[]>> labels, Long version,
                                 Short level) {
        var o = overall.get(version);
        if (o == null || level == null || level < 1 || level > o.levels()) {
            return null;
        }
        var label = labels.getOrDefault(o.scale(), Map.of()).getOrDefault(level.intValue(), new String[2]);
        return new Rating(level, o.levels(), label[0], label[1], o.satisfied()[level]);
    }

    /** ?rating=: a level of the overall question, satisfied or dissatisfied; 422 naming rating otherwise. */
    private static Condition rating(Context ctx, Map<Long, Overall> overall) {
        var value = AnalyticsRequest.text(ctx, "rating");
        if (value == null) {
            return noCondition();
        }
        if (overall.isEmpty()) {
            throw Invalid.field("rating", "no questionnaire asked for has an overall question to filter by");
        }
        int most = overall.values().stream().mapToInt(Overall::levels).max().orElseThrow();
        Condition any = falseCondition();
        if (value.equals("satisfied") || value.equals("dissatisfied")) {
            for (var e : overall.entrySet()) {
                any = any.or(RESPONSE.QUESTIONNAIRE_VERSION_ID.eq(e.getKey())
                        .and(answer(e.getValue().position()).in(e.getValue().levels(value.equals("satisfied")))));
            }
            return any;
        }
        if (!value.matches("[0-9]{1,2}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > most) {
            throw Invalid.field("rating", "must be satisfied, dissatisfied or a level of the overall question from 1 to "
                    + most);
        }
        short level = Short.parseShort(value);
        for (var e : overall.entrySet()) {
            any = any.or(RESPONSE.QUESTIONNAIRE_VERSION_ID.eq(e.getKey()).and(answer(e.getValue().position()).eq(level)));
        }
        return any;
    }

    /**
     * ?element=: responses not satisfied with at least one criterion of the element (a criterion answered at a level
     * that does not count as satisfied; not applicable counts as neither); 422 naming element when no version has it.
     */
    private Condition element(String code, List<Long> versions) {
        Condition any = falseCondition();
        boolean found = false;
        for (long id : versions) {
            var form = forms.published(id).orElse(null);
            if (form == null || form.instrument().isEmpty()) {
                continue;
            }
            var instrument = form.instrument().get();
            var criteria = instrument.elements().stream().filter(e -> e.code().equals(code)).findFirst();
            if (criteria.isEmpty()) {
                continue;
            }
            found = true;
            Condition unhappy = falseCondition();
            for (var criterion : criteria.get().criteria()) {
                var question = form.questions().get(criterion);
                var levels = new ArrayList<Short>();
                for (int level = 1; level <= question.levels(); level++) {
                    if (!instrument.satisfied(level)) {
                        levels.add((short) level);
                    }
                }
                unhappy = unhappy.or(answer(question.position()).in(levels));
            }
            any = any.or(RESPONSE.QUESTIONNAIRE_VERSION_ID.eq(id).and(unhappy));
        }
        if (!found) {
            throw Invalid.field("element", "no published version of the questionnaire has an element '" + code + "'");
        }
        return any;
    }

    private static Field<Short> answer(int position) {
        return field("{0}[{1}]", Short.class, RESPONSE.ANSWERS, inline(position));
    }
}
