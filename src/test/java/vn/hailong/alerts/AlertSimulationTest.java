package vn.hailong.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import vn.hailong.stats.Estimates;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Response;
import vn.hailong.stats.SufficientStatistics;

/**
 * The alert rule on made-up weeks (no database): how often it cries wolf when nothing changed, and how often it sees
 * a real fall. Each simulated week draws, for 20 units of different sizes and satisfaction, a baseline of 13 times
 * the recent window's responses (52 weeks against 4) from the same distribution as the recent window, SIPAS
 * instrument, respondents of two kinds (mostly satisfied, mostly not) so that a person's answers hang together as
 * real ones do. Seeded: the numbers below are the same on every run (docs/alerts.md quotes them).
 */
class AlertSimulationTest {
    static final Instrument SIPAS = Instrument.sipas();
    static final int UNITS = 20;
    static final int NULL_WEEKS = 500;
    static final int POWER_WEEKS = 200;
    static final double NOMINAL = 0.05;

    /** Recent n of unit u: 25 (below min_n 30: never checked) then 40 … 135. */
    static int recentN(int u) {
        return u == UNITS - 1 ? 25 : 40 + 5 * u;
    }

    /** The share of mostly satisfied respondents at unit u: 0.60 … 0.90. */
    static double satisfied(int u) {
        return 0.60 + 0.30 * u / (UNITS - 1);
    }

    static int[] person(Random random, boolean satisfiedKind) {
        var levels = new int[SIPAS.criteria().size()];
        for (int i = 0; i < levels.length; i++) {
            double x = random.nextDouble();
            levels[i] = satisfiedKind
                    ? (x < 0.05 ? 3 : x < 0.50 ? 4 : 5)
                    : (x < 0.15 ? 1 : x < 0.50 ? 2 : x < 0.75 ? 3 : x < 0.95 ? 4 : 5);
            if (random.nextDouble() < 0.03) {
                levels[i] = 0; // không áp dụng
            }
        }
        return levels;
    }

    static Estimates window(Random random, int n, double satisfiedShare) {
        var builder = SufficientStatistics.builder(SIPAS);
        for (int r = 0; r < n; r++) {
            builder.add(new Response("", person(random, random.nextDouble() < satisfiedShare)));
        }
        return Estimates.of(builder.build());
    }

    /** One simulated week: unit 0's recent share of satisfied respondents is {@code unit0Recent} (no change: equal). */
    static AlertCheck.Result week(long seed, double unit0Recent, int unit0RecentN) {
        var random = new Random(seed);
        var units = new ArrayList<AlertCheck.Unit>();
        for (int u = 0; u < UNITS; u++) {
            int n = u == 0 ? unit0RecentN : recentN(u);
            double before = u == 0 ? 0.85 : satisfied(u);
            double now = u == 0 ? unit0Recent : before;
            var baseline = window(random, 13 * n, before);
            var recent = window(random, n, now);
            units.add(new AlertCheck.Unit(u, recent, baseline, null));
        }
        return AlertCheck.check(units, Estimates.DEFAULT_MIN_N);
    }

    static List<AlertCheck.Result> weeks(long firstSeed, int count, double unit0Recent, int unit0RecentN) {
        return IntStream.range(0, count).parallel()
                .mapToObj(w -> week(firstSeed + w, unit0Recent, unit0RecentN)).toList();
    }

    static boolean dropAt(AlertCheck.Result week, long unit) {
        return week.raised().stream().anyMatch(r -> r.kind().equals(AlertCheck.DROP) && r.unitId() == unit);
    }

    @Test
    void with_nothing_changed_few_weeks_raise_any_drop_alert() {
        var results = weeks(20_260_000L, NULL_WEEKS, 0.85, 100);
        long weeksWithAlert = results.stream().filter(w -> w.raised().stream()
                .anyMatch(r -> r.kind().equals(AlertCheck.DROP))).count();
        long unitWeeksWithAlert = results.stream().mapToLong(w -> w.raised().stream()
                .filter(r -> r.kind().equals(AlertCheck.DROP)).count()).sum();
        long unitWeeksChecked = results.stream().mapToLong(w -> w.checked().size()).sum();
        double rate = (double) weeksWithAlert / NULL_WEEKS;
        // Every unit above min_n is checked; the one below it never is.
        assertThat(results).allSatisfy(w -> assertThat(w.checked()).hasSize(UNITS - 1).doesNotContain((long) UNITS - 1));
        // The family-wise rate (a week with any false alert) is what an official experiences: one e-mail too many. Under
        // the complete null Benjamini–Hochberg at q holds it at q, and only falls count, so about q/2 is expected.
        double tolerance = 2 * Math.sqrt(NOMINAL * (1 - NOMINAL) / NULL_WEEKS);
        System.out.printf("null: %d of %d weeks with a false drop alert (%.3f); %d of %d unit-weeks (%.4f)%n",
                weeksWithAlert, NULL_WEEKS, rate, unitWeeksWithAlert, unitWeeksChecked,
                (double) unitWeeksWithAlert / unitWeeksChecked);
        assertThat(rate).isLessThanOrEqualTo(NOMINAL + tolerance);
        assertThat((double) unitWeeksWithAlert / unitWeeksChecked).isLessThanOrEqualTo(NOMINAL / UNITS * 2);
    }

    @Test
    void a_fall_of_about_ten_points_at_a_unit_of_150_recent_responses_is_seen_most_weeks() {
        // 85 % of respondents of the satisfied kind in the baseline, 70 % in the last four weeks: index ≈ 85 → 74.5.
        var results = weeks(20_270_000L, POWER_WEEKS, 0.70, 150);
        long seen = results.stream().filter(w -> dropAt(w, 0)).count();
        var deltas = results.stream().flatMap(w -> w.raised().stream()).filter(r -> r.unitId() == 0)
                .mapToDouble(r -> r.figures().change().delta()).average().orElse(Double.NaN);
        long falseOthers = results.stream().mapToLong(w -> w.raised().stream()
                .filter(r -> r.kind().equals(AlertCheck.DROP) && r.unitId() != 0).count()).sum();
        double power = (double) seen / POWER_WEEKS;
        System.out.printf("power: fall seen in %d of %d weeks (%.3f), mean change when seen %.1f; %d false alerts at"
                + " other units%n", seen, POWER_WEEKS, power, deltas, falseOthers);
        assertThat(power).isGreaterThanOrEqualTo(0.75);
        // Every alert at the unit names the criteria that fell most, and they did fall.
        results.stream().flatMap(w -> w.raised().stream()).filter(r -> r.unitId() == 0).forEach(r -> {
            assertThat(r.figures().criteria()).hasSize(AlertCheck.CRITERIA_SHOWN);
            assertThat(r.figures().criteria()).allSatisfy(c -> assertThat(c.change().delta()).isNegative());
            assertThat(r.figures().change().high()).isNegative();
        });
    }

    @Test
    void a_unit_below_min_n_in_the_recent_window_is_never_alerted_however_far_it_falls() {
        var random = new Random(7);
        var units = List.of(new AlertCheck.Unit(1, window(random, 25, 0.05), window(random, 400, 0.95),
                new AlertCheck.Target(90, "P", true)));
        var result = AlertCheck.check(units, Estimates.DEFAULT_MIN_N);
        assertThat(result.checked()).isEmpty();
        assertThat(result.raised()).isEmpty();
        // With min_n lowered to 20 the same unit is checked, and both alerts are raised.
        var lowered = AlertCheck.check(units, 20);
        assertThat(lowered.raised()).extracting(AlertCheck.Raised::kind)
                .containsExactly(AlertCheck.DROP, AlertCheck.BELOW_TARGET);
    }

    @Test
    void below_target_only_when_the_whole_interval_is_below_it() {
        var random = new Random(11);
        var recent = window(random, 200, 0.70);
        var baseline = window(random, 2600, 0.70);
        var index = recent.index().overall().orElseThrow();
        var above = new AlertCheck.Target(index.high() + 0.5, "P", false);   // interval wholly below: Chưa đạt
        var inside = new AlertCheck.Target(index.value(), "P", false);       // straddles: undecided
        var result = AlertCheck.check(List.of(new AlertCheck.Unit(1, recent, baseline, above),
                new AlertCheck.Unit(2, recent, baseline, inside)), Estimates.DEFAULT_MIN_N);
        assertThat(result.raised()).extracting(AlertCheck.Raised::unitId, AlertCheck.Raised::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, AlertCheck.BELOW_TARGET));
        assertThat(result.raised().get(0).figures().target().value()).isEqualTo(above.value());
    }

    @Test
    void a_unit_without_a_baseline_is_still_told_when_its_whole_recent_interval_is_below_its_target() {
        var random = new Random(13);
        var recent = window(random, 200, 0.70);
        var thinBaseline = window(random, 12, 0.70);
        var index = recent.index().overall().orElseThrow();
        var above = new AlertCheck.Target(index.high() + 0.5, "P", true);
        var inside = new AlertCheck.Target(index.value(), "P", true);
        var result = AlertCheck.check(List.of(
                new AlertCheck.Unit(1, recent, null, above),            // a new unit: no baseline at all
                new AlertCheck.Unit(2, recent, thinBaseline, above),    // a baseline below min_n
                new AlertCheck.Unit(3, recent, null, inside),           // its interval holds the target
                new AlertCheck.Unit(4, recent, null, null),             // no target
                new AlertCheck.Unit(5, window(random, 20, 0.1), null, above)), // too few recent ratings
                Estimates.DEFAULT_MIN_N);
        assertThat(result.checked()).as("no change to test: not in the drop family").isEmpty();
        assertThat(result.raised()).extracting(AlertCheck.Raised::unitId, AlertCheck.Raised::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, AlertCheck.BELOW_TARGET),
                org.assertj.core.groups.Tuple.tuple(2L, AlertCheck.BELOW_TARGET));
        var figures = result.raised().get(0).figures();
        assertThat(figures.baseline()).isNull();
        assertThat(figures.change()).isNull();
        assertThat(figures.criteria()).isEmpty();
        assertThat(figures.recent().high()).isLessThan(above.value());
        var text = Wording.of("Xã Mới", "P.M", "SIPAS", AlertCheck.BELOW_TARGET, figures,
                Alerts.Windows.checkedOn(java.time.LocalDate.of(2026, 12, 7)), java.util.Map.of(), "");
        assertThat(text.body()).contains("chưa đủ 30 phiếu để so sánh").contains("chưa đạt")
                .doesNotContain("Thay đổi:").contains("trong 4 tuần gần nhất.");
    }

}
