package vn.hailong.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.auth.UnitScope;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Filter;
import vn.hailong.stats.Comparison;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Estimates;
import vn.hailong.survey.Forms;

/**
 * The figures and changes the scheduled reports and the province digest tell of, read exactly as the API reads them
 * for a caller who sees every unit, unweighted and with the default min_n: a unit's index over some days as GET
 * /indices?unit= answers it, and the change of every unit (its own responses) between two periods as GET
 * /compare?groupBy=unit answers it, Benjamini–Hochberg across the units compared (the dashboard's year-on-year).
 */
public final class PeriodChanges {
    private final DSLContext dsl;
    private final Slices slices;
    private final String questionnaire;

    public PeriodChanges(DSLContext dsl, Forms forms, String questionnaire) {
        this.dsl = dsl;
        this.slices = new Slices(dsl, forms);
        this.questionnaire = questionnaire;
    }

    /** A unit: its id, code and names. */
    public record Unit(long id, String code, String nameVi, String nameEn) {
    }

    /** Responses and, unless withheld (n below min_n), the index with its interval. */
    public record Figure(long n, boolean suppressed, int minN, Estimate index) {
    }

    /**
     * A change between two periods in points (period − baseline) with its SE and 95 % interval, its two-sided p and p
     * after Benjamini–Hochberg, and both periods' indices and responses.
     */
    public record Change(Unit unit, long n, long baselineN, Estimate period, Estimate baseline, double delta,
                         double se, double low, double high, double p, double adjustedP, boolean significant) {
    }

    /** The index of {@code unitId}'s subtree from {@code from} to {@code to}; empty when the questionnaire is unknown. */
    public Optional<Figure> figure(long unitId, LocalDate from, LocalDate to) {
        return request(from, to, unitId).map(request -> IndicesApi.figures(dsl, slices, request, List.of()).values()
                .stream().findFirst()
                .map(f -> new Figure(f.n(), f.suppressed(), request.minN(), f.suppressed() ? null : f.index()))
                .orElse(new Figure(0, true, request.minN(), null)));
    }

    /** Each unit's own index from {@code from} to {@code to}, as /indices?groupBy=unit: withheld ones too. */
    public List<UnitFigure> byUnit(LocalDate from, LocalDate to) {
        var rows = new ArrayList<UnitFigure>();
        request(from, to, null).ifPresent(request -> IndicesApi.figures(dsl, slices, request, List.of(Dimension.UNIT))
                .values().forEach(f -> rows.add(new UnitFigure(unit(f.group().unit()),
                        new Figure(f.n(), f.suppressed(), request.minN(), f.suppressed() ? null : f.index())))));
        return rows;
    }

    /** A unit's own figure. */
    public record UnitFigure(Unit unit, Figure figure) {
    }

    /**
     * The change of {@code unitId}'s subtree between the periods (one comparison: its adjusted p is its p); empty when
     * either period is withheld.
     */
    public Optional<Change> change(long unitId, LocalDate from, LocalDate to, LocalDate baselineFrom,
                                   LocalDate baselineTo) {
        return request(from, to, unitId).flatMap(request -> changes(request, from, to, baselineFrom, baselineTo,
                List.of()).stream().findFirst());
    }

    /** Every unit compared between the periods, as /compare?period=&baseline=&groupBy=unit flags them. */
    public List<Change> byUnit(LocalDate from, LocalDate to, LocalDate baselineFrom, LocalDate baselineTo) {
        return request(from, to, null).map(request -> changes(request, from, to, baselineFrom, baselineTo,
                List.of(Dimension.UNIT))).orElse(List.of());
    }

    private List<Change> changes(AnalyticsRequest request, LocalDate from, LocalDate to, LocalDate baselineFrom,
                                 LocalDate baselineTo, List<Dimension> by) {
        var compared = CompareApi.compare(dsl, slices, request, new CompareApi.Period(from, to),
                new CompareApi.Period(baselineFrom, baselineTo), by);
        var out = new ArrayList<Change>();
        for (var row : compared.answer().groups()) {
            if (row.suppressed() || row.overall() == null) {
                continue;
            }
            var c = row.overall();
            var interval = new Comparison(c.delta(), c.se(), c.z(), c.p());
            out.add(new Change(row.group().unit() == null ? null : unit(row.group().unit()), row.n(), row.baselineN(),
                    c.period(), c.baseline(), c.delta(), c.se(), interval.low(), interval.high(), c.p(), c.adjustedP(),
                    c.significant()));
        }
        return out;
    }

    private static Unit unit(NamedGroup.Name name) {
        return new Unit(name.id(), name.code(), name.nameVi(), name.nameEn());
    }

    private Optional<AnalyticsRequest> request(LocalDate from, LocalDate to, Long unitId) {
        return slices.versions(questionnaire).map(versions -> {
            var filter = new Filter(from, to, unitId, null, null, null, null, false, UnitScope.ALL, true, false);
            return new AnalyticsRequest(questionnaire, versions, filter, List.of(), Estimates.DEFAULT_MIN_N,
                    UnitScope.ALL, false);
        });
    }
}
