package vn.hailong.analytics;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.SCALE_LEVEL;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.Field;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.javalin.http.Context;
import vn.hailong.export.Download;
import vn.hailong.http.Invalid;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Group;
import vn.hailong.stats.Proportion;
import vn.hailong.survey.Forms;

/**
 * GET /api/v1/reasons: why citizens were not satisfied. For a questionnaire that asks a reason (the per-dossier
 * rating's "Lý do chưa hài lòng") or a problem (the one-tap card's "Ông/Bà gặp vấn đề gì?"), per group: the
 * responses, those not satisfied on the overall question, and each reason's count and share of the not satisfied
 * with its Wilson interval. Counted from the responses themselves, never weighted; a group below min_n responses
 * shows its counts of responses only.
 */
public final class ReasonsApi {
    private static final EnumSet<Dimension> GROUPS = EnumSet.of(Dimension.UNIT, Dimension.SERVICE, Dimension.CENTRE,
            Dimension.CHANNEL);

    private final DSLContext dsl;
    private final Forms forms;
    private final Slices slices;

    public ReasonsApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.forms = forms;
        this.slices = new Slices(dsl, forms);
    }

    /** The question asked and each group's reasons. */
    record Answer(String questionnaire, String question, String overall, int minN, List<Level> levels,
                  List<ReasonsRow> groups, BoundariesUsed boundaries) {
    }

    /** A reason a citizen can give, by its level in the question's scale. */
    record Level(int level, String labelVi, String labelEn) {
    }

    /**
     * A group: its responses, how many were not satisfied and how many of those gave a reason, and when shown each
     * reason's count and share of the not satisfied.
     */
    @JsonInclude(Include.NON_NULL)
    record ReasonsRow(NamedGroup group, long n, long dissatisfied, long gaveReason, boolean suppressed,
                      List<Reason> reasons) {
    }

    /** A reason's count among the not satisfied, its share of them (×100) and the share's 95% Wilson interval. */
    record Reason(int level, long count, double share, double low, double high) {
    }

    public void get(Context ctx) {
        var format = Download.requested(ctx);
        AnalyticsRequest.requireUnweighted(ctx, "reasons are counted as citizens gave them");
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        for (var d : request.groupBy()) {
            if (!GROUPS.contains(d)) {
                throw Invalid.field("groupBy", "reasons are grouped by unit, service, centre or channel");
            }
        }
        var newest = forms.published(request.versions().merged().get(0)).orElseThrow();
        var question = newest.questions().values().stream()
                .filter(q -> q.kind().equals("reason") || q.kind().equals("problem"))
                .filter(q -> q.levels() > 0)
                .findFirst()
                .orElseThrow(() -> Invalid.field("questionnaire",
                        "questionnaire '" + request.questionnaire() + "' asks no reason or problem"));
        var instrument = request.versions().instrument();
        var overall = instrument.overall().orElseThrow(() -> Invalid.field("questionnaire",
                "questionnaire '" + request.questionnaire() + "' has no overall question to tell the not satisfied"));
        var levels = dsl.select(SCALE_LEVEL.SCORE, SCALE_LEVEL.LABEL_VI, SCALE_LEVEL.LABEL_EN)
                .from(SCALE_LEVEL)
                .where(SCALE_LEVEL.SCALE_CODE.eq(question.scale()))
                .orderBy(SCALE_LEVEL.SCORE)
                .fetch(r -> new Level(r.value1(), r.value2(), r.value3()));
        var counts = counts(request, question.code(), overall);
        var names = new NamedGroup.Names(dsl);
        var groups = new ArrayList<ReasonsRow>();
        counts.forEach((key, c) -> groups.add(c.row(names.group(request.groupBy(), key), request.minN(), levels)));
        var answer = new Answer(request.questionnaire(), question.code(), overall, request.minN(), levels, groups,
                BoundariesUsed.of(dsl, request.filter(), request.groupBy(), false));
        AnalyticsTables.send(ctx, format, "reasons", answer,
                () -> AnalyticsTables.reasons(request.groupBy(), levels, groups));
    }

    /** A group's counts: responses, not satisfied, and per reason level among the not satisfied. */
    private static final class Counts {
        long n;
        long dissatisfied;
        final Map<Integer, Long> reasons = new LinkedHashMap<>();

        ReasonsRow row(NamedGroup group, int minN, List<Level> levels) {
            long gave = reasons.values().stream().mapToLong(Long::longValue).sum();
            if (n < minN || dissatisfied == 0) {
                return new ReasonsRow(group, n, dissatisfied, gave, n < minN, n < minN ? null : List.of());
            }
            var list = levels.stream().map(l -> {
                long count = reasons.getOrDefault(l.level(), 0L);
                var p = Proportion.of(count, dissatisfied);
                return new Reason(l.level(), count, p.value(), p.low(), p.high());
            }).toList();
            return new ReasonsRow(group, n, dissatisfied, gave, false, list);
        }
    }

    /**
     * Responses per group, satisfied or not on the overall question and by reason given, version by version (a
     * question's place in the answers may differ between versions that are scored alike).
     */
    private Map<Group, Counts> counts(AnalyticsRequest request, String reasonCode, String overallCode) {
        var instrument = request.versions().instrument();
        var byGroup = new TreeMap<Group, Counts>(Group.order(request.groupBy()));
        var units = Carriers.of(dsl, request.filter());
        for (long version : request.versions().merged()) {
            var form = forms.published(version).orElseThrow();
            var reason = form.questions().get(reasonCode);
            int overall = form.questions().get(overallCode).position();
            Field<Short> overallAnswer = field("{0}[{1}]", Short.class, RESPONSE.ANSWERS, inline(overall));
            Field<Short> reasonAnswer = reason == null ? inline((Short) null)
                    : field("{0}[{1}]", Short.class, RESPONSE.ANSWERS, inline(reason.position()));
            dsl.select(RESPONSE.AGENCY_ID, RESPONSE.SERVICE_ID, RESPONSE.CENTRE_ID, RESPONSE.CHANNEL, overallAnswer,
                            reasonAnswer, count())
                    .from(RESPONSE)
                    .where(RESPONSE.QUESTIONNAIRE_VERSION_ID.eq(version))
                    .and(request.filter().onResponses())
                    .groupBy(RESPONSE.AGENCY_ID, RESPONSE.SERVICE_ID, RESPONSE.CENTRE_ID, RESPONSE.CHANNEL,
                            overallAnswer, reasonAnswer)
                    .forEach(r -> {
                        var key = units.under(group(request.groupBy(), r.value1(), r.value2(), r.value3(),
                                r.value4()));
                        var c = byGroup.computeIfAbsent(key, k -> new Counts());
                        long n = r.value7();
                        c.n += n;
                        Short level = r.value5();
                        if (level != null && !instrument.satisfied(level)) {
                            c.dissatisfied += n;
                            if (r.value6() != null) {
                                c.reasons.merge(r.value6().intValue(), n, Long::sum);
                            }
                        }
                    });
        }
        return byGroup;
    }

    private static Group group(List<Dimension> by, Long unit, Long service, Long centre, String channel) {
        return new Group(by.contains(Dimension.UNIT) ? unit : null,
                by.contains(Dimension.SERVICE) ? (service == null ? 0L : service) : null,
                by.contains(Dimension.CENTRE) ? (centre == null ? 0L : centre) : null,
                by.contains(Dimension.CHANNEL) ? channel : null, null, null, null);
    }
}
