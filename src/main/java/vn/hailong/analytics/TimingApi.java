package vn.hailong.analytics;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static vn.hailong.db.schema.Tables.RESPONSE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.Field;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.javalin.http.Context;
import vn.hailong.Vietnam;
import vn.hailong.export.Download;
import vn.hailong.export.Table;
import vn.hailong.http.Invalid;
import vn.hailong.stats.Proportion;
import vn.hailong.survey.Forms;

/**
 * GET /api/v1/timing: when ratings are given and how satisfied they are, by weekday and hour in Vietnam time. Each
 * cell holds the ratings given in that hour of that weekday over the period and filters asked for, how many answered
 * the overall question, and — from min_n answers — the share satisfied with its 95% Wilson interval. Counted in
 * PostgreSQL from the responses (the rollups keep days, not hours), never weighted.
 */
public final class TimingApi {
    private final DSLContext dsl;
    private final Forms forms;
    private final Slices slices;

    public TimingApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.forms = forms;
        this.slices = new Slices(dsl, forms);
    }

    /** The questionnaire, its overall question (null: none, so counts only), min_n and the cells that have ratings. */
    record Timing(String questionnaire, String overall, int minN, List<Cell> cells, BoundariesUsed boundaries) {
    }

    /**
     * A weekday (1 Monday … 7 Sunday) and hour (0–23, Vietnam time): its ratings, those answering the overall
     * question, and when shown (answered ≥ min_n) how many were satisfied and their share (×100) with its interval.
     */
    @JsonInclude(Include.NON_NULL)
    record Cell(int weekday, int hour, long n, long answered, boolean suppressed, Long satisfied, Double share,
                Double low, Double high) {
    }

    public void get(Context ctx) {
        var format = Download.requested(ctx);
        AnalyticsRequest.requireUnweighted(ctx, "the ratings of each hour are counted as they were given");
        if (AnalyticsRequest.text(ctx, "groupBy") != null) {
            throw Invalid.field("groupBy", "the timing is one weekday × hour table: narrow it with unit, centre or"
                    + " counter instead");
        }
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        var overall = request.versions().instrument().overall();
        var counts = new TreeMap<Integer, long[]>();
        for (long version : request.versions().merged()) {
            var form = forms.published(version).orElseThrow();
            Field<Short> answer = overall.isEmpty() ? inline((Short) null)
                    : field("{0}[{1}]", Short.class, RESPONSE.ANSWERS,
                            inline(form.questions().get(overall.get()).position()));
            Field<Integer> weekday = field("extract(isodow from {0} at time zone {1})::int", Integer.class,
                    RESPONSE.SUBMITTED_AT, inline(Vietnam.ZONE.getId()));
            Field<Integer> hour = field("extract(hour from {0} at time zone {1})::int", Integer.class,
                    RESPONSE.SUBMITTED_AT, inline(Vietnam.ZONE.getId()));
            dsl.select(weekday, hour, answer, count())
                    .from(RESPONSE)
                    .where(RESPONSE.QUESTIONNAIRE_VERSION_ID.eq(version))
                    .and(request.filter().onResponses())
                    .groupBy(weekday, hour, answer)
                    .forEach(r -> {
                        var c = counts.computeIfAbsent(r.value1() * 100 + r.value2(), k -> new long[3]);
                        c[0] += r.value4();
                        if (r.value3() != null) {
                            c[1] += r.value4();
                            if (request.versions().instrument().satisfied(r.value3())) {
                                c[2] += r.value4();
                            }
                        }
                    });
        }
        var cells = cells(counts, overall.isPresent(), request.minN());
        AnalyticsTables.send(ctx, format, "timing", new Timing(request.questionnaire(), overall.orElse(null),
                request.minN(), cells, BoundariesUsed.of(dsl, request.filter(), List.of(), false)), () -> table(cells));
    }

    private static List<Cell> cells(Map<Integer, long[]> counts, boolean hasOverall, int minN) {
        var cells = new ArrayList<Cell>();
        counts.forEach((key, c) -> {
            int weekday = key / 100;
            int hour = key % 100;
            if (!hasOverall || c[1] < minN) {
                cells.add(new Cell(weekday, hour, c[0], c[1], true, null, null, null, null));
                return;
            }
            var p = Proportion.of(c[2], c[1]);
            cells.add(new Cell(weekday, hour, c[0], c[1], false, c[2], p.value(), p.low(), p.high()));
        });
        return cells;
    }

    private static Table table(List<Cell> cells) {
        var table = new Table(List.of("weekday", "hour", "n", "answered", "suppressed", "satisfied", "share",
                "share_low", "share_high"));
        cells.forEach(c -> table.row(c.weekday(), c.hour(), c.n(), c.answered(), c.suppressed(), c.satisfied(),
                c.share(), c.low(), c.high()));
        return table;
    }
}
