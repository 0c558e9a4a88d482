package vn.hailong.dossiers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * How an official indicator is computed, under which legal text, from when until when. The rules are data: a new
 * decision adds a rule beside the old one (the old one gets its end date), so earlier periods keep the rule they
 * were published under.
 */
record IndicatorRule(Indicator indicator, String id, String legalBasisVi, String legalBasisEn, LocalDate effectiveFrom,
                     LocalDate effectiveUntil, String formulaVi, String formulaEn, Formula formula) {

    /** The indicators, each with its name; the rule says how it is computed. */
    enum Indicator {
        COMPLAINTS_ON_TIME("complaintsOnTime", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn",
                "Share of complaints and suggestions handled on time"),
        COMPLAINTS_SATISFIED("complaintsSatisfied",
                "Tỷ lệ phản ánh, kiến nghị không bị đánh giá không hài lòng hoặc trễ hạn",
                "Share of complaints and suggestions not marked unsatisfied or late"),
        DOSSIERS_SATISFIED("dossiersSatisfied",
                "Tỷ lệ hồ sơ không bị đánh giá không hài lòng, không bị phản ánh, kiến nghị và không trễ hạn",
                "Share of dossiers not rated unsatisfied, complained about or handled late");

        final String code;
        final String nameVi;
        final String nameEn;

        Indicator(String code, String nameVi, String nameEn) {
            this.code = code;
            this.nameVi = nameVi;
            this.nameEn = nameEn;
        }
    }

    /** What a rule counts: its numerator and denominator from a sum of unit-months. */
    enum Formula {
        /** complaints handled on time ÷ complaints received */
        ON_TIME_OVER_COMPLAINTS,
        /** (complaints − complaints marked unsatisfied or late) ÷ complaints */
        UNFAULTED_OVER_COMPLAINTS,
        /** (dossiers handled − dossiers rated unsatisfied, complained about or late, each once) ÷ dossiers handled */
        UNFAULTED_OVER_DOSSIERS
    }

    static final String DECISION_766_VI = "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt"
            + " Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện"
            + " thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử";
    static final String DECISION_766_EN = "Decision No. 766/QĐ-TTg of 23 June 2022 of the Prime Minister approving the"
            + " set of indicators for directing, administering and assessing the quality of service to citizens and"
            + " businesses in administrative procedures and public services, in real time and online";
    static final LocalDate DECISION_766_FROM = LocalDate.of(2022, 6, 23);

    /** The rules in force in Hài Lòng: today those of Decision 766. A later decision is added here, beside them. */
    static final List<IndicatorRule> OFFICIAL = List.of(
            new IndicatorRule(Indicator.COMPLAINTS_ON_TIME, "766/2022-a", DECISION_766_VI, DECISION_766_EN,
                    DECISION_766_FROM, null,
                    "Số phản ánh, kiến nghị được xử lý đúng hạn ÷ tổng số phản ánh, kiến nghị tiếp nhận × 100%",
                    "Complaints and suggestions handled on time ÷ complaints and suggestions received × 100%",
                    Formula.ON_TIME_OVER_COMPLAINTS),
            new IndicatorRule(Indicator.COMPLAINTS_SATISFIED, "766/2022-b", DECISION_766_VI, DECISION_766_EN,
                    DECISION_766_FROM, null,
                    "(Tổng số phản ánh, kiến nghị − số phản ánh, kiến nghị bị đánh giá không hài lòng hoặc xử lý trễ"
                            + " hạn) ÷ tổng số phản ánh, kiến nghị × 100%",
                    "(Complaints and suggestions − those marked unsatisfied or handled late) ÷ complaints and"
                            + " suggestions × 100%",
                    Formula.UNFAULTED_OVER_COMPLAINTS),
            new IndicatorRule(Indicator.DOSSIERS_SATISFIED, "766/2022-c", DECISION_766_VI, DECISION_766_EN,
                    DECISION_766_FROM, null,
                    "(Tổng số hồ sơ đã giải quyết − số hồ sơ bị đánh giá không hài lòng, bị phản ánh, kiến nghị hoặc"
                            + " trễ hạn, mỗi hồ sơ tính một lần) ÷ tổng số hồ sơ đã giải quyết × 100%",
                    "(Dossiers handled − dossiers rated unsatisfied, complained about or handled late, each counted"
                            + " once) ÷ dossiers handled × 100%",
                    Formula.UNFAULTED_OVER_DOSSIERS));

    IndicatorRule {
        if (effectiveUntil != null && effectiveUntil.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("rule " + id + " ends before it begins");
        }
    }

    boolean inEffectDuring(LocalDate from, LocalDate to) {
        return !effectiveFrom.isAfter(to) && (effectiveUntil == null || !effectiveUntil.isBefore(from));
    }

    /** Checks that no two rules of an indicator are in effect on the same day. */
    static List<IndicatorRule> checked(List<IndicatorRule> rules) {
        var list = new ArrayList<>(rules);
        for (var a : list) {
            for (var b : list) {
                if (a != b && a.indicator == b.indicator && a.inEffectDuring(b.effectiveFrom,
                        b.effectiveUntil == null ? LocalDate.MAX : b.effectiveUntil)) {
                    throw new IllegalArgumentException("rules " + a.id + " and " + b.id + " overlap");
                }
            }
        }
        return List.copyOf(list);
    }

    /** The rules of an indicator in effect on some day of a period, earliest first. */
    static List<IndicatorRule> during(List<IndicatorRule> rules, Indicator indicator, LocalDate from, LocalDate to) {
        return rules.stream()
                .filter(r -> r.indicator == indicator && r.inEffectDuring(from, to))
                .sorted(java.util.Comparator.comparing(IndicatorRule::effectiveFrom))
                .toList();
    }
}
