package vn.hailong.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The report's language: each phrase in Vietnamese and English, and numbers, p-values and dates as each writes them. */
record Wording(boolean english) {

    /** The phrase in the report's language. */
    String t(String vi, String en) {
        return english ? en : vi;
    }

    /** A number with the given decimals: "82,3" and "1.234" in Vietnamese, "82.3" and "1,234" in English. */
    String num(double value, int decimals) {
        var symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setDecimalSeparator(english ? '.' : ',');
        symbols.setGroupingSeparator(english ? ',' : '.');
        var format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), symbols);
        return format.format(value);
    }

    String num(double value) {
        return num(value, 1);
    }

    String count(long value) {
        return num(value, 0);
    }

    /** A change in points with its sign: "+2,1", "−0,4". */
    String signed(double delta) {
        var text = num(Math.abs(delta));
        return (delta > 0 ? "+" : delta < 0 ? "−" : "") + text;
    }

    /** A p-value to three decimals, or "< 0,001" when it rounds to nothing. */
    String p(double p) {
        return p < 0.001 ? "< " + num(0.001, 3) : num(p, 3);
    }

    /** An index with its interval: "82,3 (81,0–83,6)". */
    String figure(Report.Figure f) {
        return num(f.value()) + " (" + interval(f) + ")";
    }

    String interval(Report.Figure f) {
        return num(f.low()) + "–" + num(f.high());
    }

    /** The date line after the place: "ngày 07 tháng 12 năm 2026" or "7 December 2026". */
    String dateLine(LocalDate date) {
        return english ? DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(date)
                : String.format(Locale.ROOT, "ngày %02d tháng %02d năm %d", date.getDayOfMonth(), date.getMonthValue(),
                        date.getYear());
    }

    /** A month "2025-03" as a chart or table says it: "03/2025". */
    String month(String month) {
        return month.substring(5) + "/" + month.substring(0, 4);
    }

    /** The days reported on, as a sentence names them: "năm 2026", "tháng 11/2026" ("2026", "November 2026"). */
    String period(Report.Span span) {
        return days(span.from(), span.to(), false);
    }

    /** The days compared with: "năm 2025", "tháng 11/2025". */
    String baseline(Report.Span span) {
        return days(span.baselineFrom(), span.baselineTo(), false);
    }

    /** The days compared with, as a table heading names them: "2025", "11/2025" ("Nov 2025"). */
    String baselineShort(Report.Span span) {
        return days(span.baselineFrom(), span.baselineTo(), true);
    }

    /** The first letter in capitals: "Tháng 11/2026". */
    static String capital(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private String days(LocalDate from, LocalDate to, boolean brief) {
        if (from.getDayOfYear() == 1 && to.equals(from.withMonth(12).withDayOfMonth(31))) {
            return english || brief ? String.valueOf(from.getYear()) : "năm " + from.getYear();
        }
        if (from.getDayOfMonth() == 1 && to.equals(from.withDayOfMonth(from.lengthOfMonth()))) {
            if (english) {
                return DateTimeFormatter.ofPattern(brief ? "MMM yyyy" : "MMMM yyyy", Locale.ENGLISH).format(from);
            }
            return (brief ? "" : "tháng ") + String.format(Locale.ROOT, "%02d/%d", from.getMonthValue(), from.getYear());
        }
        var format = DateTimeFormatter.ofPattern(english ? "d MMM yyyy" : "dd/MM/yyyy", Locale.ENGLISH);
        return english ? format.format(from) + " – " + format.format(to)
                : (brief ? "" : "từ ") + format.format(from) + (brief ? "–" : " đến ") + format.format(to);
    }
}
