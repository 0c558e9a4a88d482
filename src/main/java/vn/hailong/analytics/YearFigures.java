package vn.hailong.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.auth.UnitScope;
import vn.hailong.rollup.Filter;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Estimates;
import vn.hailong.survey.Forms;

/**
 * A unit's figures (its subtree) for one calendar year, exactly as GET /api/v1/indices?unit=&from=&to= answers them
 * unweighted and with the default min_n: what a publication freezes. {@code index}, {@code elements} and
 * {@code band} are null when the unit is suppressed (n below min_n).
 */
public record YearFigures(long n, boolean suppressed, int minN, Estimate index, Map<String, Estimate> elements,
                          String band) {

    /** Empty when the questionnaire is not a published, scored one. */
    public static Optional<YearFigures> of(DSLContext dsl, Forms forms, String questionnaire, long unitId, int year) {
        var slices = new Slices(dsl, forms);
        return slices.versions(questionnaire).map(versions -> {
            var filter = new Filter(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), unitId, null, null, null,
                    false, UnitScope.ALL, true, false);
            var request = new AnalyticsRequest(questionnaire, versions, filter, List.of(), Estimates.DEFAULT_MIN_N,
                    UnitScope.ALL, false);
            var minN = request.minN();
            return IndicesApi.figures(dsl, slices, request, List.of()).values().stream().findFirst()
                    .map(f -> new YearFigures(f.n(), f.suppressed(), minN, f.index(), f.elements(), f.band()))
                    .orElse(new YearFigures(0, true, minN, null, null, null));
        });
    }
}
