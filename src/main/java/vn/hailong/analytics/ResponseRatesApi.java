package vn.hailong.analytics;

import static vn.hailong.auth.AccessControl.principal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jooq.DSLContext;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.javalin.http.Context;
import vn.hailong.analytics.ResponseRates.CoverageAbsent;
import vn.hailong.export.Download;
import vn.hailong.export.Table;
import vn.hailong.http.Invalid;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Group;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.Proportion;
import vn.hailong.survey.Forms;

/**
 * GET /api/v1/response-rates: per unit, service, centre or channel, the invitations made, the share of them used to
 * rate (with its Wilson interval), every rating received, and the ratings per dossier handled (coverage), with the
 * groups whose figures rest on too few ratings or too low a coverage flagged.
 */
public final class ResponseRatesApi {
    /** Coverage below this share of the dossiers handled (in percent) is flagged, unless ?minCoverage= says else. */
    static final double DEFAULT_MIN_COVERAGE = 5;

    private final DSLContext dsl;
    private final ResponseRates rates;

    public ResponseRatesApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.rates = new ResponseRates(dsl, forms);
    }

    /** The answer: what was asked, the thresholds of the flags, the groups, and the total of all of them. */
    record ResponseRatesAnswer(LocalDate from, LocalDate to, String questionnaire, int minN, double minCoverage,
                               List<RateRow> groups, RateRow total, BoundariesUsed boundaries) {
    }

    /**
     * One group. responseRate is absent without invitations; coverage is absent with coverageAbsent saying why.
     * cautions is empty when the group's figures can be trusted as far as their number and coverage go.
     */
    @JsonInclude(Include.NON_NULL)
    record RateRow(NamedGroup group, long invitations, long rated, Proportion responseRate, long ratings,
                   Coverage coverage, CoverageAbsent coverageAbsent, List<Caution> cautions) {
    }

    /** Ratings per dossier handled, in percent, over the unit-months (or dossiers) whose counts are known. */
    record Coverage(long dossiersHandled, long ratings, double value) {
    }

    /** Why a group's figures are not to be trusted. */
    enum Caution {
        /** Fewer ratings than minN. */
        FEW_RATINGS,
        /** Coverage below minCoverage. */
        LOW_COVERAGE
    }

    public void get(Context ctx) {
        var format = Download.requested(ctx);
        AnalyticsRequest.requireUnweighted(ctx, "response rates count invitations, ratings and dossiers");
        var scope = principal(ctx).scope();
        var filter = AnalyticsRequest.filter(ctx, dsl, scope, true);
        if (filter.counter() != null) {
            throw Invalid.field("counter", "response rates are counted from invitations and dossiers, which keep no"
                    + " counter: leave counter out");
        }
        if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
            throw Invalid.field("to", "must not be before from");
        }
        var by = groupBy(ctx);
        var questionnaire = AnalyticsRequest.text(ctx, "questionnaire");
        var versions = questionnaire == null ? null : AnalyticsRequest.everyVersion(dsl, questionnaire);
        int minN = AnalyticsRequest.integer(ctx, "minN", Estimates.DEFAULT_MIN_N, 1, 1_000_000);
        double minCoverage = minCoverage(ctx);
        var absent = ResponseRates.absent(filter, by);
        var names = new NamedGroup.Names(dsl);
        var groups = new ArrayList<RateRow>();
        var counts = rates.groups(filter, by, questionnaire, versions, absent);
        counts.forEach((key, c) -> groups.add(row(names.group(by, key), c, absent, minN, minCoverage)));
        // The groups share no invitation, rating or dossier: their sum is the total when it is measured alike.
        var totalAbsent = ResponseRates.absent(filter, List.of());
        var total = totalAbsent == absent && ResponseRates.source(filter, by) == ResponseRates.source(filter, List.of())
                ? ResponseRates.Counts.sum(counts.values())
                : rates.groups(filter, List.of(), questionnaire, versions, totalAbsent)
                        .getOrDefault(Group.ALL, new ResponseRates.Counts(0, 0, 0, null, 0));
        var answer = new ResponseRatesAnswer(filter.from(), filter.to(), questionnaire, minN, minCoverage, groups,
                row(names.group(List.of(), Group.ALL), total, totalAbsent, minN, minCoverage),
                BoundariesUsed.of(dsl, filter, by, false));
        AnalyticsTables.send(ctx, format, "response-rates", answer, () -> table(by, groups));
    }

    private static RateRow row(NamedGroup group, ResponseRates.Counts c, CoverageAbsent absent, int minN,
                               double minCoverage) {
        var rate = c.invitations() == 0 ? null : Proportion.of(c.rated(), c.invitations());
        Coverage coverage = null;
        if (absent == null && c.handled() == null) {
            absent = CoverageAbsent.NO_DOSSIER_COUNTS;
        } else if (absent == null && c.handled() == 0) {
            absent = CoverageAbsent.NO_DOSSIERS_HANDLED;
        } else if (absent == null) {
            coverage = new Coverage(c.handled(), c.ratingsCounted(), 100.0 * c.ratingsCounted() / c.handled());
        }
        var cautions = new ArrayList<Caution>();
        if (c.ratings() < minN) {
            cautions.add(Caution.FEW_RATINGS);
        }
        if (coverage != null && coverage.value() < minCoverage) {
            cautions.add(Caution.LOW_COVERAGE);
        }
        return new RateRow(group, c.invitations(), c.rated(), rate, c.ratings(), coverage, absent, cautions);
    }

    /** At most one of unit, service, centre and channel, and at most one of year and month. */
    private static List<Dimension> groupBy(Context ctx) {
        var by = AnalyticsRequest.groupBy(ctx.queryParam("groupBy"));
        var message = "group by one of unit, service, centre or channel, optionally with year or month"
                + " (e.g. unit,month)";
        if (!ResponseRates.allowed().containsAll(by)) {
            throw Invalid.field("groupBy", message);
        }
        long places = by.stream().filter(d -> d != Dimension.YEAR && d != Dimension.MONTH).count();
        long periods = by.size() - places;
        if (places > 1 || periods > 1) {
            throw Invalid.field("groupBy", message);
        }
        return by;
    }

    /** ?minCoverage=: a percentage from 0 to 100, 5 when not given. */
    private static double minCoverage(Context ctx) {
        var value = AnalyticsRequest.text(ctx, "minCoverage");
        if (value == null) {
            return DEFAULT_MIN_COVERAGE;
        }
        try {
            var number = new BigDecimal(value);
            if (number.signum() < 0 || number.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw Invalid.field("minCoverage", "must be a percentage from 0 to 100");
            }
            return number.doubleValue();
        } catch (NumberFormatException e) {
            throw Invalid.field("minCoverage", "must be a percentage from 0 to 100, e.g. 5 or 2.5");
        }
    }

    /** One row per group: the same figures as the JSON, an empty cell where the JSON has none. */
    private static Table table(List<Dimension> by, List<RateRow> groups) {
        var columns = AnalyticsTables.groupColumns(by);
        columns.addAll(List.of("invitations", "rated", "response_rate", "response_rate_low", "response_rate_high",
                "ratings", "dossiers_handled", "ratings_counted", "coverage", "coverage_absent", "cautions"));
        var table = new Table(columns);
        for (var g : groups) {
            var rate = g.responseRate();
            var coverage = g.coverage();
            var cells = AnalyticsTables.cells(by, g.group(), g.invitations(), g.rated());
            cells.addAll(rate == null ? Arrays.asList(null, null, null)
                    : List.of(rate.value(), rate.low(), rate.high()));
            cells.add(g.ratings());
            cells.addAll(coverage == null ? Arrays.asList(null, null, null)
                    : List.of(coverage.dossiersHandled(), coverage.ratings(), coverage.value()));
            cells.add(g.coverageAbsent() == null ? null : g.coverageAbsent().name());
            cells.add(g.cautions().stream().map(Enum::name).collect(Collectors.joining(" ")));
            table.row(cells);
        }
        return table;
    }
}
