package vn.hailong.report;

import static vn.hailong.db.schema.Tables.APP_USER;
import static vn.hailong.db.schema.Tables.NOTIFICATION_CHOICE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.analytics.PeriodChanges;
import vn.hailong.notify.Notice;
import vn.hailong.notify.Outbox;
import vn.hailong.schedule.Job;
import vn.hailong.schedule.Schedule;
import vn.hailong.survey.Forms;

/**
 * The monthly report: from the 1st of each month, 07:00 Vietnam time, each unit that has a subscriber (an active user
 * with an e-mail address who chose "report", whose own unit it is; admins and analysts without a unit count the root)
 * gets one notice for the month just ended: a few lines of plain Vietnamese (the month's index with its interval and
 * responses, or that there are too few; significant changes against the month before and the same month a year
 * before) and the unit's report PDF attached, made at delivery ({@link ReportAttachments}). Outbox sends a report to
 * the users of its own unit only. Event key "report:99.STP:2026-11".
 */
public final class MonthlyReports implements Job {
    public static final String NAME = "monthly-reports";
    static final LocalTime DUE = LocalTime.of(7, 0);

    private final DSLContext dsl;
    private final Forms forms;
    private final String questionnaire;

    /**
     * {@code dsl} reads the figures: the analytics read in a read-only transaction of their own, not in the job's
     * transaction (which writes the outbox rows and the run's record).
     */
    public MonthlyReports(DSLContext dsl, Forms forms, String questionnaire) {
        this.dsl = dsl;
        this.forms = forms;
        this.questionnaire = questionnaire;
    }

    /** A unit a report is made for. */
    public record Unit(long id, String code, String nameVi) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> due(ZonedDateTime now) {
        return monthEnded(now, DUE);
    }

    /** The month just ended once the current month's first day has reached {@code at} (Vietnam time). */
    static Optional<String> monthEnded(ZonedDateTime now, LocalTime at) {
        var local = now.withZoneSameInstant(Schedule.VIETNAM).toLocalDateTime();
        if (local.isBefore(local.toLocalDate().withDayOfMonth(1).atTime(at))) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.from(local).minusMonths(1).toString());
    }

    @Override
    public void run(DSLContext tx, String period) {
        var month = YearMonth.parse(period);
        for (var unit : subscribed(tx)) {
            Outbox.add(tx, notice(unit, month, "report:" + unit.code() + ":" + month));
        }
    }

    /** The units someone receives the report of, by code. */
    public static List<Unit> subscribed(DSLContext tx) {
        var homes = tx.selectDistinct(APP_USER.UNIT_ID)
                .from(APP_USER)
                .join(NOTIFICATION_CHOICE).on(NOTIFICATION_CHOICE.USER_ID.eq(APP_USER.ID))
                .where(NOTIFICATION_CHOICE.TOPIC.eq(Notice.REPORT))
                .and(APP_USER.ACTIVE.isTrue())
                .and(APP_USER.EMAIL.isNotNull())
                .fetch(APP_USER.UNIT_ID);
        var rootToo = homes.contains(null);
        var ids = homes.stream().filter(id -> id != null).toList();
        return tx.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI)
                .from(UNIT)
                .where(UNIT.ID.in(ids).or(rootToo ? UNIT.PARENT_ID.isNull() : org.jooq.impl.DSL.falseCondition()))
                .orderBy(UNIT.CODE)
                .fetch(r -> new Unit(r.value1(), r.value2(), r.value3()));
    }

    /** The notice of {@code unit}'s report for {@code month}, under {@code eventKey}. */
    public Notice notice(Unit unit, YearMonth month, String eventKey) {
        var w = new Wording(false);
        var changes = new PeriodChanges(dsl, forms, questionnaire);
        var figure = changes.figure(unit.id(), month.atDay(1), month.atEndOfMonth())
                .orElseThrow(() -> new IllegalStateException("no published, scored questionnaire " + questionnaire));
        var previous = month.minusMonths(1);
        var lastYear = month.minusYears(1);
        var sincePrevious = figure.suppressed() ? Optional.<PeriodChanges.Change>empty()
                : changes.change(unit.id(), month.atDay(1), month.atEndOfMonth(), previous.atDay(1), previous.atEndOfMonth());
        var sinceLastYear = figure.suppressed() ? Optional.<PeriodChanges.Change>empty()
                : changes.change(unit.id(), month.atDay(1), month.atEndOfMonth(), lastYear.atDay(1), lastYear.atEndOfMonth());

        var monthName = monthVi(month);
        var lines = new ArrayList<String>();
        lines.add("Báo cáo mức độ hài lòng " + monthName + " của " + unit.nameVi() + ".");
        lines.add("");
        if (figure.suppressed()) {
            lines.add(Wording.capital(monthName) + " có " + w.count(figure.n()) + " phiếu, chưa đủ " + figure.minN()
                    + " phiếu để công bố chỉ số.");
        } else {
            var index = figure.index();
            lines.add("Chỉ số hài lòng chung: " + w.num(index.value()) + " điểm (khoảng tin cậy 95 %: "
                    + w.num(index.low()) + "–" + w.num(index.high()) + "), tính trên " + w.count(figure.n()) + " phiếu.");
        }
        // Each comparison the month allows: significant changes told, the others said to be none; a baseline month
        // below min_n is said to be too thin to compare with, never counted as "no change".
        var unchanged = new ArrayList<String>();
        var thin = new ArrayList<String>();
        for (var c : List.of(Map.entry(monthVi(previous), sincePrevious), Map.entry(monthVi(lastYear), sinceLastYear))) {
            if (c.getValue().isEmpty()) {
                thin.add(c.getKey());
            } else if (c.getValue().get().significant()) {
                lines.add("So với " + c.getKey() + ": " + changeVi(w, c.getValue().get()) + ".");
            } else {
                unchanged.add(c.getKey());
            }
        }
        if (!figure.suppressed()) {
            if (!unchanged.isEmpty()) {
                lines.add("Không có thay đổi có ý nghĩa thống kê so với " + String.join(" và ", unchanged) + ".");
            }
            if (!thin.isEmpty()) {
                lines.add("Chưa so sánh được với " + String.join(" và ", thin) + ": chưa đủ phiếu ở kỳ đó.");
            }
        }
        lines.add("");
        lines.add("Báo cáo chi tiết (tệp PDF) được đính kèm thư này.");
        lines.add("Thư tự động của hệ thống Hài Lòng, gửi vì anh/chị đã chọn nhận báo cáo định kỳ của đơn vị.");

        var payload = new LinkedHashMap<String, Object>();
        payload.put("unit", unit.code());
        payload.put("unitName", unit.nameVi());
        payload.put("month", month.toString());
        payload.put("questionnaire", questionnaire);
        payload.put("n", figure.n());
        payload.put("minN", figure.minN());
        payload.put("suppressed", figure.suppressed());
        if (!figure.suppressed()) {
            payload.put("index", Map.of("value", figure.index().value(), "low", figure.index().low(),
                    "high", figure.index().high()));
        }
        sincePrevious.ifPresent(c -> payload.put("sincePreviousMonth", change(c, previous)));
        sinceLastYear.ifPresent(c -> payload.put("sinceSameMonthLastYear", change(c, lastYear)));
        return new Notice(Notice.REPORT, eventKey, unit.id(),
                "Báo cáo mức độ hài lòng " + monthName + " — " + unit.nameVi(), String.join("\n", lines) + "\n",
                payload, ReportAttachments.monthly(unit.code(), month, questionnaire));
    }

    private static Map<String, Object> change(PeriodChanges.Change c, YearMonth baseline) {
        var m = new LinkedHashMap<String, Object>();
        m.put("baseline", baseline.toString());
        m.put("delta", c.delta());
        m.put("low", c.low());
        m.put("high", c.high());
        m.put("p", c.p());
        m.put("adjustedP", c.adjustedP());
        m.put("significant", c.significant());
        return m;
    }

    /** "tháng 11/2026". */
    static String monthVi(YearMonth month) {
        return String.format("tháng %02d/%d", month.getMonthValue(), month.getYear());
    }

    /** "tăng 3,1 điểm (khoảng tin cậy 95 % của mức thay đổi: 1,0–5,2)". */
    static String changeVi(Wording w, PeriodChanges.Change c) {
        return (c.delta() > 0 ? "tăng " : "giảm ") + w.num(Math.abs(c.delta())) + " điểm (khoảng tin cậy 95 %: "
                + w.signed(c.low()) + " đến " + w.signed(c.high()) + ")";
    }
}
