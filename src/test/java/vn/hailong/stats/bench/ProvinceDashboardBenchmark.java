package vn.hailong.stats.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.hailong.stats.Comparison;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.IndexEstimate;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Rankings;
import vn.hailong.stats.Response;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.stats.YearOnYear;

/**
 * A province dashboard from monthly rollups: 200 agencies × 36 months of SIPAS statistics (16 criteria + HL) merged
 * into agency-years and province-years; overall and element indices with CIs for each, year-on-year changes
 * flagged by BH, and yearly rankings with shrinkage; optionally each agency's monthly trend too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProvinceDashboardBenchmark {

    static final int AGENCIES = 200;
    static final int MONTHS = 36;
    static final int RESPONSES_PER_MONTH = 40;

    /** Strata per agency-month rollup: 1 (no post-stratification) or the 4 of the reference data. */
    @Param({"1", "4"})
    int strata;

    SufficientStatistics[][] months;

    @Setup
    public void setUp() {
        Instrument sipas = Instrument.sipas();
        SplittableRandom random = new SplittableRandom(42);
        String[] names = {"HT", "DD", "XD", "KD"};
        months = new SufficientStatistics[AGENCIES][MONTHS];
        for (int a = 0; a < AGENCIES; a++) {
            double quality = 0.45 + 0.3 * random.nextDouble();
            for (int m = 0; m < MONTHS; m++) {
                SufficientStatistics.Builder builder = SufficientStatistics.builder(sipas);
                for (int r = 0; r < RESPONSES_PER_MONTH; r++) {
                    int[] levels = new int[sipas.criteria().size()];
                    for (int i = 0; i < levels.length; i++) {
                        double u = random.nextDouble();
                        levels[i] = u < 0.08 ? 0 : u < 0.08 + 0.92 * quality ? 4 + random.nextInt(2)
                                : 1 + random.nextInt(3);
                    }
                    builder.add(new Response(names[random.nextInt(strata)], levels));
                }
                months[a][m] = builder.build();
            }
        }
    }

    /** Agency-year and province-year indices with CIs, year-on-year with BH and yearly rankings. */
    @Benchmark
    public Object provinceDashboard() {
        return dashboard(false);
    }

    /** The same, plus each agency's monthly indices with CIs (a 36-point trend line per agency). */
    @Benchmark
    public Object provinceDashboardWithMonthlyTrend() {
        return dashboard(true);
    }

    private Object dashboard(boolean monthlyTrend) {
        Instrument sipas = Instrument.sipas();
        int years = MONTHS / 12;
        List<Object> shown = new ArrayList<>();
        IndexEstimate[][] agencyYears = new IndexEstimate[AGENCIES][years];
        for (int y = 0; y < years; y++) {
            SufficientStatistics.Builder province = SufficientStatistics.builder(sipas);
            Map<String, Estimate> ranked = new HashMap<>();
            for (int a = 0; a < AGENCIES; a++) {
                SufficientStatistics.Builder year = SufficientStatistics.builder(sipas);
                for (int m = 12 * y; m < 12 * (y + 1); m++) {
                    year.add(months[a][m]);
                    if (monthlyTrend) {
                        shown.add(Estimates.of(months[a][m]).index());
                    }
                }
                SufficientStatistics agencyYear = year.build();
                province.add(agencyYear);
                agencyYears[a][y] = Estimates.of(agencyYear).index();
                String agency = String.format("AG%03d", a);
                agencyYears[a][y].overall().ifPresent(e -> ranked.put(agency, e));
            }
            shown.add(Estimates.of(province.build()).index());
            shown.add(Rankings.rank(ranked));
        }
        for (int y = 1; y < years; y++) {
            List<Comparison> family = new ArrayList<>();
            for (int a = 0; a < AGENCIES; a++) {
                Comparison c = YearOnYear.indices(agencyYears[a][y - 1], agencyYears[a][y]).get("overall");
                if (c != null) {
                    family.add(c);
                }
            }
            shown.add(YearOnYear.flag(family));
        }
        return shown;
    }
}
