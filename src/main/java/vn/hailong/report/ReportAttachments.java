package vn.hailong.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.analytics.ReportApi;
import vn.hailong.notify.Attachment;
import vn.hailong.notify.Attachments;

/**
 * The report PDF a scheduled report's e-mail carries, made when the e-mail is sent from the outbox row's spec
 * {"report": {"unit": "99.STP", "from": "2026-11-01", "to": "2026-11-30", "questionnaire": "SIPAS", "lang": "vi"}}:
 * the unit's whole subtree (no caller's scope: its recipients were chosen by their unit), rendered by the same path as
 * GET /api/v1/report.pdf ({@link ReportApi#unitPdf}). Named "bao-cao-99.STP-2026-11.pdf".
 */
public final class ReportAttachments implements Attachments {
    private final ReportApi reports;

    public ReportAttachments(ReportApi reports) {
        this.reports = reports;
    }

    /** The spec of {@code unit}'s report for a month, in Vietnamese, on the SIPAS questionnaire. */
    public static Map<String, Object> monthly(String unit, YearMonth month, String questionnaire) {
        var report = new LinkedHashMap<String, Object>();
        report.put("unit", unit);
        report.put("from", month.atDay(1).toString());
        report.put("to", month.atEndOfMonth().toString());
        report.put("questionnaire", questionnaire);
        report.put("lang", "vi");
        return Map.of("report", report);
    }

    @Override
    public Attachment make(JsonNode spec) {
        var report = spec == null ? null : spec.get("report");
        if (report == null || !report.isObject()) {
            throw new IllegalArgumentException("not a report attachment: " + spec);
        }
        var unit = text(report, "unit", null);
        var from = date(report, "from");
        var to = date(report, "to");
        var questionnaire = text(report, "questionnaire", "SIPAS");
        var lang = text(report, "lang", "vi");
        if (!lang.equals("vi") && !lang.equals("en")) {
            throw new IllegalArgumentException("report.lang must be vi or en, not " + lang);
        }
        var rendered = reports.unitPdf(unit, from, to, questionnaire, lang.equals("en"));
        var name = (lang.equals("en") ? "report-" : "bao-cao-") + unit.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + YearMonth.from(from) + ".pdf";
        return new Attachment(name, "application/pdf", rendered.pdf());
    }

    private static String text(JsonNode report, String field, String fallback) {
        var value = report.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("report." + field + " is required");
            }
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("report." + field + " must be text");
        }
        return value.asText();
    }

    private static LocalDate date(JsonNode report, String field) {
        try {
            return LocalDate.parse(text(report, field, null));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("report." + field + " must be a date yyyy-MM-dd");
        }
    }
}
