package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.stats.Tolerance.assertClose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import vn.hailong.analyze.ResponseRow;

/** The Java API reproduces every number of R's reference results in vectors/. */
class ReferenceVectorsTest {

    private final Map<String, SufficientStatistics> statistics = new HashMap<>();

    private SufficientStatistics statistics(String year, String agency) {
        return statistics.computeIfAbsent(year + agency, k -> Vectors.statistics(Integer.parseInt(year), agency));
    }

    private Estimates estimates(String year, String agency, String weighting) {
        SufficientStatistics s = statistics(year, agency);
        return weighting.equals("none") ? Estimates.of(s)
                : Estimates.postStratified(s, Vectors.population().get(Integer.parseInt(year)));
    }

    @Test
    void criterion_figures_match_r() {
        List<CSVRecord> expected = Vectors.expected("expected_criteria.csv");
        assertThat(expected).hasSize(136);
        for (CSVRecord row : expected) {
            String what = row.get("year") + " " + row.get("agency") + " " + row.get("criterion");
            CriterionEstimate c = Estimates.of(statistics(row.get("year"), row.get("agency")))
                    .criterion(row.get("criterion")).orElseThrow();
            assertThat(c.nValid()).as(what).isEqualTo(Long.parseLong(row.get("n_valid")));
            assertThat(c.satisfied()).as(what).isEqualTo(Long.parseLong(row.get("satisfied")));
            assertClose(what + " share", c.share(), row.get("share"));
            assertClose(what + " wilson_low", c.wilsonLow(), row.get("wilson_low"));
            assertClose(what + " wilson_high", c.wilsonHigh(), row.get("wilson_high"));
            assertClose(what + " mean", c.meanScore(), row.get("mean_score"));
            assertClose(what + " score", c.score0to100(), row.get("score_0_100"));
            assertClose(what + " figure", c.figure().value(), row.get("share"));
        }
    }

    @Test
    void indices_match_r_unweighted_and_post_stratified() {
        List<CSVRecord> expected = Vectors.expected("expected_indices.csv");
        assertThat(expected).hasSize(10);
        for (CSVRecord row : expected) {
            String what = row.get("year") + " " + row.get("agency") + " " + row.get("weighting");
            IndexEstimate index = estimates(row.get("year"), row.get("agency"), row.get("weighting")).index();
            assertThat(index.n()).as(what).isEqualTo(Long.parseLong(row.get("n")));
            Estimate overall = index.overall().orElseThrow();
            assertClose(what + " index", overall.value(), row.get("index"));
            assertClose(what + " se", overall.se(), row.get("se"));
            assertClose(what + " ci_low", overall.low(), row.get("ci_low"));
            assertClose(what + " ci_high", overall.high(), row.get("ci_high"));
            for (String element : List.of("TC", "TT", "CC", "KQ", "PA")) {
                assertClose(what + " " + element, index.elements().get(element).value(), row.get("E_" + element));
            }
        }
    }

    @Test
    void year_on_year_matches_r() {
        List<CSVRecord> expected = Vectors.expected("expected_yoy.csv");
        assertThat(expected).hasSize(5);
        for (CSVRecord row : expected) {
            String what = row.get("agency") + " " + row.get("weighting");
            IndexEstimate before = estimates(row.get("from"), row.get("agency"), row.get("weighting")).index();
            IndexEstimate after = estimates(row.get("to"), row.get("agency"), row.get("weighting")).index();
            Comparison c = YearOnYear.indices(before, after).get("overall");
            assertClose(what + " delta", c.delta(), row.get("delta"));
            assertClose(what + " se", c.se(), row.get("se"));
            assertClose(what + " z", c.z(), row.get("z"));
            assertClose(what + " p", c.pValue(), row.get("p_value"));
        }
    }

    @Test
    void cronbach_alpha_matches_r() {
        List<CSVRecord> expected = Vectors.expected("expected_alpha.csv");
        assertThat(expected).hasSize(10);
        for (CSVRecord row : expected) {
            Reliability.Alpha a = Reliability.cronbach(statistics(row.get("year"), "ALL"), row.get("element"))
                    .orElseThrow();
            assertThat(a.nComplete()).isEqualTo(Long.parseLong(row.get("n_complete")));
            assertClose(row.get("year") + " " + row.get("element"), a.alpha(), row.get("cronbach_alpha"));
        }
    }

    @Test
    void drivers_match_r_and_commons_math_on_the_raw_answers() {
        List<CSVRecord> expected = Vectors.expected("expected_drivers.csv");
        assertThat(expected).hasSize(32);
        for (CSVRecord row : expected) {
            String year = row.get("year");
            String criterion = row.get("criterion");
            Drivers.Driver d = Drivers.of(statistics(year, "ALL")).stream()
                    .filter(x -> x.criterion().equals(criterion)).findFirst().orElseThrow();
            assertClose(year + " " + criterion, d.r(), row.get("pearson_r_with_HL"));
            assertClose(year + " " + criterion + " raw", d.r(), pairwiseComplete(Integer.parseInt(year), criterion));
        }
    }

    private static double pairwiseComplete(int year, String criterion) {
        List<ResponseRow> both = Vectors.responses().stream()
                .filter(r -> r.year() == year && r.answers().containsKey(criterion) && r.answers().containsKey("HL"))
                .toList();
        double[] x = both.stream().mapToDouble(r -> r.answers().get(criterion)).toArray();
        double[] h = both.stream().mapToDouble(r -> r.answers().get("HL")).toArray();
        return new PearsonsCorrelation().correlation(x, h);
    }
}
