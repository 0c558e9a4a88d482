package vn.hailong.dossiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.TestApp;
import vn.hailong.dossiers.IndicatorRule.Formula;
import vn.hailong.dossiers.IndicatorRule.Indicator;
import vn.hailong.units.Units;

/** A later rule is added beside the old one: later periods use it, earlier ones keep the old. */
class IndicatorRuleTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    static long unit;

    static final IndicatorRule OLD = new IndicatorRule(Indicator.DOSSIERS_SATISFIED, "766/2022-c",
            IndicatorRule.DECISION_766_VI, IndicatorRule.DECISION_766_EN, LocalDate.of(2022, 6, 23),
            LocalDate.of(2025, 12, 31), "cũ", "old", Formula.UNFAULTED_OVER_DOSSIERS);
    static final IndicatorRule NEW = new IndicatorRule(Indicator.DOSSIERS_SATISFIED, "999/2025-c",
            "Quyết định số 999/QĐ-TTg (giả định, để kiểm thử)", "Decision No. 999/QĐ-TTg (made up, for the test)",
            LocalDate.of(2026, 1, 1), null, "mới", "new", Formula.UNFAULTED_OVER_DOSSIERS);

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        unit = new Units(dsl).insert(dsl, "U", "Sở U", "Department U", "province", null);
        DossierFacts.storeMonths(dsl, List.of(
                new DossierFacts.Month(unit, LocalDate.of(2025, 12, 1), 10, 1, 0, 0, 0, 2),
                new DossierFacts.Month(unit, LocalDate.of(2026, 1, 1), 20, 0, 0, 0, 0, 1)));
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    static Indicators.Result dossiers(Indicators.Group group) {
        return group.indicators().stream().filter(r -> r.code().equals("dossiersSatisfied")).findFirst().orElseThrow();
    }

    @Test
    void a_later_rule_is_used_for_later_periods_and_the_old_one_for_earlier_periods() {
        var indicators = new Indicators(dsl, List.of(OLD, NEW));
        var months = indicators.compute(unit, null, null, false, Indicators.Period.MONTH, false);
        assertThat(months).extracting(Indicators.Group::period).containsExactly("2025-12", "2026-01");
        assertThat(dossiers(months.get(0)).rule().id()).isEqualTo("766/2022-c");
        assertThat(dossiers(months.get(0)).rule().effectiveUntil()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(dossiers(months.get(0)).numerator()).isEqualTo(8);
        assertThat(dossiers(months.get(1)).rule().id()).isEqualTo("999/2025-c");
        assertThat(dossiers(months.get(1)).rule().legalBasisVi()).startsWith("Quyết định số 999");
        assertThat(dossiers(months.get(1)).numerator()).isEqualTo(19);
    }

    @Test
    void a_period_across_the_change_is_not_mixed_from_two_rules() {
        var indicators = new Indicators(dsl, List.of(OLD, NEW));
        var whole = indicators.compute(unit, null, null, false, null, false).get(0);
        assertThat(dossiers(whole).available()).isFalse();
        assertThat(dossiers(whole).reason()).isEqualTo("ruleChanged");
        assertThat(dossiers(whole).message()).contains("2026-01-01", "766/2022-c", "999/2025-c");
    }

    @Test
    void before_any_rule_there_is_no_indicator_and_overlapping_rules_are_refused() {
        var indicators = new Indicators(dsl, List.of(NEW));
        var december = indicators.compute(unit, LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31), false, null,
                false)
                .get(0);
        assertThat(dossiers(december).reason()).isEqualTo("noRule");
        var overlapping = new IndicatorRule(Indicator.DOSSIERS_SATISFIED, "x", "x", "x", LocalDate.of(2025, 1, 1), null,
                "x", "x", Formula.UNFAULTED_OVER_DOSSIERS);
        assertThatThrownBy(() -> new Indicators(dsl, List.of(OLD, overlapping)))
                .hasMessageContaining("overlap");
    }

    @Test
    void the_official_rules_are_those_of_decision_766_from_23_june_2022() {
        assertThat(IndicatorRule.OFFICIAL).hasSize(3).allSatisfy(r -> {
            assertThat(r.legalBasisVi()).startsWith("Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ");
            assertThat(r.effectiveFrom()).isEqualTo(LocalDate.of(2022, 6, 23));
        });
        assertThat(IndicatorRule.checked(IndicatorRule.OFFICIAL)).hasSize(3);
    }
}
