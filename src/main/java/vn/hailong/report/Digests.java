package vn.hailong.report;

import static vn.hailong.db.schema.Tables.UNIT;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hailong.analytics.PeriodChanges;
import vn.hailong.auth.UnitScope;
import vn.hailong.survey.Forms;
import vn.hailong.targets.Targets;

/**
 * The province digest of a month: which units' index rose and which fell significantly, in the month against the same
 * month a year before and in the year to date against the same months a year before (each as GET /compare?groupBy=unit
 * flags them: Benjamini–Hochberg across the units compared, the dashboard's year-on-year), the largest few each way
 * with their change and its 95 % interval; the units whose year-to-date interval lies wholly below their target; and
 * the follow-up cases still open and overdue per unit ({@link OpenCases}).
 */
public final class Digests {
    /** How many units are named each way; the counts say how many there are in all. */
    public static final int TOP = 5;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Forms forms;
    private final String questionnaire;
    private final OpenCases openCases;

    public Digests(Forms forms, String questionnaire, OpenCases openCases) {
        this.forms = forms;
        this.questionnaire = questionnaire;
        this.openCases = openCases;
    }

    /** A unit's change: its index in the period and the baseline, the change in points, its interval, p. */
    public record Entry(String unit, String name, long n, long baselineN, double index, double indexLow,
                        double indexHigh, double baseline, double delta, double low, double high, double p,
                        double adjustedP) {
    }

    /** One comparison: its days, how many units were compared, and the largest rises and falls (TOP each). */
    public record Section(LocalDate from, LocalDate to, LocalDate baselineFrom, LocalDate baselineTo, int compared,
                          int roseCount, int fellCount, List<Entry> rose, List<Entry> fell) {
    }

    /** A unit whose whole 95 % interval lies below its target (year to date). */
    public record BelowTarget(String unit, String name, long n, double index, double low, double high,
                              double target) {
    }

    /** A unit's open follow-up cases. */
    public record CaseRow(String unit, String name, long open, long overdue) {
    }

    /** The open cases in all and per unit (most overdue first). */
    public record Cases(long open, long overdue, List<CaseRow> units) {
    }

    /** The digest of a month. */
    public record Digest(String month, String questionnaire, String province, int minN, Section inMonth,
                         Section yearToDate, int targetYear, List<BelowTarget> belowTarget, Cases openCases) {
    }

    /** The digest of {@code month}, read through {@code dsl}. */
    public Digest build(DSLContext dsl, YearMonth month) {
        var changes = new PeriodChanges(dsl, forms, questionnaire);
        var from = month.atDay(1);
        var to = month.atEndOfMonth();
        var inMonth = section(changes, from, to, from.minusYears(1), to.minusYears(1).withDayOfMonth(
                to.minusYears(1).lengthOfMonth()));
        var yearStart = from.withDayOfYear(1);
        var ytdBaselineEnd = month.minusYears(1).atEndOfMonth();
        var yearToDate = section(changes, yearStart, to, yearStart.minusYears(1), ytdBaselineEnd);

        var targets = new Targets(dsl);
        var byCode = new HashMap<String, Double>();
        targets.questionnaire(questionnaire).ifPresent(q -> targets.effective(month.getYear(), q, UnitScope.ALL)
                .forEach(t -> {
                    if (t.value() != null) {
                        byCode.put(t.unit().code(), t.value().doubleValue());
                    }
                }));
        var below = new ArrayList<BelowTarget>();
        int minN = 0;
        for (var u : changes.byUnit(yearStart, to)) {
            minN = u.figure().minN();
            var target = byCode.get(u.unit().code());
            if (!u.figure().suppressed() && target != null && u.figure().index().high() < target) {
                var i = u.figure().index();
                below.add(new BelowTarget(u.unit().code(), u.unit().nameVi(), u.figure().n(), i.value(), i.low(),
                        i.high(), target));
            }
        }
        below.sort(Comparator.comparingDouble(b -> b.index() - b.target()));

        var names = dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI).from(UNIT)
                .fetchMap(r -> r.value1(), r -> List.of(r.value2(), r.value3()));
        var rows = new ArrayList<CaseRow>();
        long open = 0;
        long overdue = 0;
        for (var c : openCases.open(dsl)) {
            var name = names.getOrDefault(c.unitId(), List.of("?", "?"));
            rows.add(new CaseRow(name.get(0), name.get(1), c.open(), c.overdue()));
            open += c.open();
            overdue += c.overdue();
        }
        rows.sort(Comparator.comparingLong(CaseRow::overdue).reversed().thenComparing(
                Comparator.comparingLong(CaseRow::open).reversed()).thenComparing(CaseRow::unit));
        var province = dsl.select(UNIT.NAME_VI).from(UNIT).where(UNIT.PARENT_ID.isNull()).orderBy(UNIT.ID).limit(1)
                .fetchOptional(UNIT.NAME_VI).orElse("");
        return new Digest(month.toString(), questionnaire, province, minN == 0
                ? vn.hailong.stats.Estimates.DEFAULT_MIN_N : minN, inMonth, yearToDate, month.getYear(), below,
                new Cases(open, overdue, rows));
    }

    private static Section section(PeriodChanges changes, LocalDate from, LocalDate to, LocalDate baselineFrom,
                                   LocalDate baselineTo) {
        var all = changes.byUnit(from, to, baselineFrom, baselineTo);
        var rose = all.stream().filter(c -> c.significant() && c.delta() > 0)
                .sorted(Comparator.comparingDouble(PeriodChanges.Change::delta).reversed()).toList();
        var fell = all.stream().filter(c -> c.significant() && c.delta() < 0)
                .sorted(Comparator.comparingDouble(PeriodChanges.Change::delta)).toList();
        return new Section(from, to, baselineFrom, baselineTo, all.size(), rose.size(), fell.size(),
                rose.stream().limit(TOP).map(Digests::entry).toList(),
                fell.stream().limit(TOP).map(Digests::entry).toList());
    }

    private static Entry entry(PeriodChanges.Change c) {
        return new Entry(c.unit().code(), c.unit().nameVi(), c.n(), c.baselineN(), c.period().value(),
                c.period().low(), c.period().high(), c.baseline().value(), c.delta(), c.low(), c.high(), c.p(),
                c.adjustedP());
    }

    /** The subject of the digest's e-mail. */
    public static String subject(Digest d) {
        return "Bản tin mức độ hài lòng " + MonthlyReports.monthVi(YearMonth.parse(d.month())) + " — " + d.province();
    }

    /** The digest as the e-mail's plain Vietnamese text. */
    public static String text(Digest d) {
        var w = new Wording(false);
        var dates = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        var out = new StringBuilder();
        out.append(subject(d)).append("\n\n");
        var m = YearMonth.parse(d.month());
        section(out, w, "Trong " + MonthlyReports.monthVi(m) + ", so với " + MonthlyReports.monthVi(m.minusYears(1)),
                d.inMonth());
        section(out, w, "Lũy kế từ " + dates.format(d.yearToDate().from()) + " đến "
                + dates.format(d.yearToDate().to()) + ", so với cùng kỳ năm " + d.yearToDate().baselineFrom().getYear(),
                d.yearToDate());
        out.append("Chưa đạt mục tiêu năm ").append(d.targetYear())
                .append(" (lũy kế từ đầu năm; cả khoảng tin cậy 95 % nằm dưới mục tiêu):\n");
        if (d.belowTarget().isEmpty()) {
            out.append("- Không cơ quan, đơn vị nào chắc chắn chưa đạt mục tiêu.\n");
        }
        for (var b : d.belowTarget()) {
            out.append("- ").append(b.name()).append(": ").append(w.num(b.index())).append(" điểm (")
                    .append(w.num(b.low())).append("–").append(w.num(b.high())).append("), mục tiêu ")
                    .append(w.num(b.target())).append("\n");
        }
        out.append("\nPhản ánh cần xử lý (đang mở): ").append(w.count(d.openCases().open())).append(", trong đó quá hạn: ")
                .append(w.count(d.openCases().overdue())).append(".\n");
        for (var c : d.openCases().units().stream().limit(10).toList()) {
            out.append("- ").append(c.name()).append(": ").append(w.count(c.open())).append(" đang mở, ")
                    .append(w.count(c.overdue())).append(" quá hạn\n");
        }
        if (d.openCases().units().size() > 10) {
            out.append("- … và ").append(d.openCases().units().size() - 10).append(" cơ quan, đơn vị khác\n");
        }
        out.append("\nThay đổi có ý nghĩa thống kê: kiểm định z hai phía, p hiệu chỉnh Benjamini–Hochberg (q = 0,05) ")
                .append("giữa các cơ quan, đơn vị được so sánh; nhóm dưới ").append(d.minN())
                .append(" phiếu không công bố.\n");
        return out.toString();
    }

    private static void section(StringBuilder out, Wording w, String title, Section s) {
        out.append(title).append(" (").append(s.compared()).append(" cơ quan, đơn vị được so sánh):\n");
        list(out, w, "Tăng có ý nghĩa thống kê", s.roseCount(), s.rose());
        list(out, w, "Giảm có ý nghĩa thống kê", s.fellCount(), s.fell());
        out.append("\n");
    }

    private static void list(StringBuilder out, Wording w, String title, int count, List<Entry> entries) {
        out.append(title).append(": ").append(count == 0 ? "không có" : count + " cơ quan, đơn vị").append("\n");
        for (var e : entries) {
            out.append("- ").append(e.name()).append(": ").append(w.num(e.baseline())).append(" → ")
                    .append(w.num(e.index())).append(" điểm (").append(w.num(e.indexLow())).append("–")
                    .append(w.num(e.indexHigh())).append("), ").append(w.signed(e.delta()))
                    .append(" điểm (khoảng tin cậy 95 %: ").append(w.signed(e.low())).append(" đến ")
                    .append(w.signed(e.high())).append(")\n");
        }
        if (count > entries.size()) {
            out.append("- … và ").append(count - entries.size()).append(" cơ quan, đơn vị khác\n");
        }
    }

    /** The digest as a webhook's JSON: the same facts. */
    public static Map<String, Object> payload(Digest d) {
        return MAPPER.copy().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .convertValue(d, new TypeReference<Map<String, Object>>() { });
    }
}
