package vn.hailong.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** An alert's e-mail says what the figures say: a fall as a fall, a rise as a rise, criteria that rose as such. */
class WordingTest {
    static final Alerts.Windows WINDOWS = Alerts.Windows.checkedOn(LocalDate.of(2026, 12, 7));

    static AlertCheck.Change change(double delta, boolean significant) {
        return new AlertCheck.Change(delta, 2, delta - 3.92, delta + 3.92, delta / 2, 0.001, 0.004, significant);
    }

    static AlertCheck.Figures figures(AlertCheck.Change overall, double... criteria) {
        var list = new java.util.ArrayList<AlertCheck.CriterionChange>();
        for (int i = 0; i < criteria.length; i++) {
            list.add(new AlertCheck.CriterionChange("TC" + (i + 1), 70 + criteria[i], 70, change(criteria[i], false)));
        }
        return new AlertCheck.Figures(new AlertCheck.Figure(70 + overall.delta(), 2, 66 + overall.delta(),
                74 + overall.delta(), 200), new AlertCheck.Figure(70, 1, 68, 72, 2000), overall, 12, 0.05,
                new AlertCheck.Target(90, "P", true), list, 30);
    }

    @Test
    void a_unit_below_its_target_whose_index_rose_is_not_told_it_fell() {
        var text = Wording.of("Xã A", "P.A", "SIPAS", AlertCheck.BELOW_TARGET, figures(change(6, true), -1, 2, 3),
                WINDOWS, Map.of("TC1", "Thời gian chờ"), "https://hailong.example.gov.vn");
        assertThat(text.body()).contains("(tăng có ý nghĩa thống kê)").doesNotContain("giảm có ý nghĩa thống kê")
                .contains("Các tiêu chí giảm nhiều nhất hoặc tăng ít nhất:").contains("- Thời gian chờ (TC1): ")
                .contains("- TC2: ");
    }

    @Test
    void a_fall_is_told_as_a_fall_with_the_criteria_that_fell_most() {
        var text = Wording.of("Xã A", "P.A", "SIPAS", AlertCheck.DROP, figures(change(-8, true), -9, -5, -1),
                WINDOWS, Map.of(), "");
        assertThat(text.subject()).startsWith("Cảnh báo: chỉ số hài lòng của Xã A giảm 8,0 điểm");
        assertThat(text.body()).contains("(giảm có ý nghĩa thống kê)").contains("Các tiêu chí giảm nhiều nhất:\n")
                .contains("/dashboard/?unit=P.A");
        assertThat(List.of(text.link())).containsExactly("/dashboard/?unit=P.A&questionnaire=SIPAS&year=2026");
    }
}
