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
}
