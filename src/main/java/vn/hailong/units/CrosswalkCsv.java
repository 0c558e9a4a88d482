package vn.hailong.units;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import vn.hailong.Vietnam;
import vn.hailong.http.Rejected;
import vn.hailong.http.Rejected.Problem;

/**
 * The layout of a crosswalk (bảng chuyển đổi đơn vị): a header row, then one row per old unit and new unit,
 * {@code old_code,new_code,event,effective_date,share,new_name,new_parent,kind}. Reads every row and names every
 * problem of the file itself by line and column; what the rows mean for the tree is {@link Crosswalk}'s to check.
 */
final class CrosswalkCsv {
    static final List<String> COLUMNS = List.of("old_code", "new_code", "event", "effective_date", "share", "new_name",
            "new_parent", "kind");
    static final List<String> REQUIRED = List.of("old_code", "event", "effective_date");
    /** Rows in one file: a province's whole reform is a few thousand. */
    static final int MAX_ROWS = 20_000;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter VN = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    /** The words a crosswalk may use for each event, folded (lower case, NFC). */
    private static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("merge", "merge"), Map.entry("sáp nhập", "merge"), Map.entry("hợp nhất", "merge"),
            Map.entry("split", "split"), Map.entry("chia tách", "split"), Map.entry("tách", "split"),
            Map.entry("rename", "rename"), Map.entry("đổi tên", "rename"),
            Map.entry("move", "move"), Map.entry("chuyển", "move"), Map.entry("điều chuyển", "move"),
            Map.entry("dissolve", "dissolve"), Map.entry("giải thể", "dissolve"));

    /** One row as read; {@code event} is merge, split, rename, move or dissolve. */
    record Row(int line, String oldCode, String newCode, String event, LocalDate date, BigDecimal share,
               String newName, String newParent, String kind, boolean ok) {
    }

    /** The rows (those with a problem marked not ok) and the problems of single rows. */
    record Parsed(List<Row> rows, List<Problem> problems) {
    }

    private CrosswalkCsv() {
    }

    /**
     * Reads the file; a problem of the file as a whole (no header, not CSV, no rows, NUL) is thrown at once, the
     * problems of single rows are answered with the rows, so that the other rows can still be checked.
     */
    static Parsed parse(String body) {
        var problems = new ArrayList<Problem>();
        var rows = new ArrayList<Row>();
        var text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        if (text.indexOf('\u0000') >= 0) {
            int line = 1 + (int) text.substring(0, text.indexOf('\u0000')).chars().filter(c -> c == '\n').count();
            throw new Rejected(List.of(new Problem(line, "", "holds a NUL character: save the file as UTF-8 text (CSV)")));
        }
        try (var parser = CSVParser.parse(new StringReader(text),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                        .setIgnoreEmptyLines(true).get())) {
            var header = parser.getHeaderMap();
            for (var column : REQUIRED) {
                if (header == null || !header.containsKey(column)) {
                    problems.add(new Problem(1, column, "missing column; expected " + String.join(",", COLUMNS)));
                }
            }
            if (!problems.isEmpty()) {
                throw new Rejected(problems);
            }
            var seen = new HashMap<List<String>, Integer>();
            var today = Vietnam.today();
            for (var record : parser) {
                int line = (int) record.getRecordNumber() + 1;
                if (rows.size() >= MAX_ROWS) {
                    throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "body: more than "
                            + MAX_ROWS + " rows; split the crosswalk into several files, oldest dates first",
                            Map.of("field", "body"));
                }
                var before = problems.size();
                var oldCode = code(record, "old_code", line, problems);
                var newCode = code(record, "new_code", line, problems);
                if (oldCode == null && problems.size() == before) {
                    problems.add(new Problem(line, "old_code", "is empty"));
                }
                var word = value(record, "event");
                String event = null;
                if (word == null) {
                    problems.add(new Problem(line, "event", "is empty; write merge, split, rename, move or dissolve"
                            + " (or sáp nhập, chia tách, đổi tên, chuyển, giải thể)"));
                } else {
                    event = EVENTS.get(Normalizer.normalize(word, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                            .replaceAll("\\s+", " "));
                    if (event == null) {
                        problems.add(new Problem(line, "event", "'" + shorten(word) + "' is not an event; write merge,"
                                + " split, rename, move or dissolve (or sáp nhập, chia tách, đổi tên, chuyển, giải thể)"));
                    }
                }
                var date = date(value(record, "effective_date"), line, today, problems);
                var share = share(value(record, "share"), line, problems);
                var newName = text(record, "new_name", 300, line, problems);
                var newParent = code(record, "new_parent", line, problems);
                var kind = text(record, "kind", 64, line, problems);
                if (problems.size() == before) {
                    var key = new ArrayList<String>();
                    for (var column : COLUMNS) {
                        key.add(String.valueOf(value(record, column)));
                    }
                    key.set(2, event);
                    key.set(3, String.valueOf(date));
                    var first = seen.putIfAbsent(key, line);
                    if (first != null) {
                        problems.add(new Problem(line, "old_code", "the same row as line " + first + "; remove one"));
                    }
                }
                rows.add(new Row(line, oldCode, newCode, event, date, share, newName, newParent, kind,
                        problems.size() == before));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            problems.add(new Problem(rows.isEmpty() ? 1 : rows.get(rows.size() - 1).line() + 1, "",
                    "not readable as CSV: " + shorten(String.valueOf(e.getMessage()))));
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(1, "", "the file has no rows"));
        }
        if (rows.isEmpty() || problems.stream().anyMatch(p -> p.column().isEmpty())) {
            throw new Rejected(problems);
        }
        return new Parsed(rows, problems);
    }

    private static LocalDate date(String value, int line, LocalDate today, List<Problem> problems) {
        if (value == null) {
            problems.add(new Problem(line, "effective_date", "is empty; write the day the change took effect, e.g."
                    + " 2025-07-01 or 01/07/2025"));
            return null;
        }
        LocalDate date;
        try {
            date = value.contains("/") ? LocalDate.parse(value, VN) : LocalDate.parse(value, ISO);
        } catch (DateTimeParseException e) {
            problems.add(new Problem(line, "effective_date", "'" + shorten(value) + "' is not a date; write 2025-07-01"
                    + " or 01/07/2025"));
            return null;
        }
        if (date.isAfter(today)) {
            problems.add(new Problem(line, "effective_date", date + " is in the future: import a change once it has"
                    + " taken effect"));
            return null;
        }
        if (date.getYear() < 1945) {
            problems.add(new Problem(line, "effective_date", date + " is before any unit this system knows"));
            return null;
        }
        return date;
    }

    private static BigDecimal share(String value, int line, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        BigDecimal share;
        try {
            var plain = value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value;
            if (plain.length() > 20 || !plain.matches("[0-9]*[.,]?[0-9]+")) {
                throw new NumberFormatException();
            }
            share = new BigDecimal(plain.replace(',', '.'));
            if (value.endsWith("%")) {
                share = share.movePointLeft(2);
            }
        } catch (NumberFormatException e) {
            problems.add(new Problem(line, "share", "'" + shorten(value) + "' is not a number; write the successor's"
                    + " part of the old unit, e.g. 0.4 or 40%"));
            return null;
        }
        if (share.scale() > 6) {
            share = share.setScale(6, java.math.RoundingMode.HALF_EVEN); // as stored: six decimals
        }
        if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
            problems.add(new Problem(line, "share", "must be more than 0 and at most 1 (100%) to six decimals, not "
                    + shorten(value)));
            return null;
        }
        return share;
    }

    private static String code(CSVRecord record, String column, int line, List<Problem> problems) {
        return text(record, column, 64, line, problems);
    }

    private static String text(CSVRecord record, String column, int max, int line, List<Problem> problems) {
        var v = value(record, column);
        if (v != null && v.length() > max) {
            problems.add(new Problem(line, column, "is longer than " + max + " characters"));
            return null;
        }
        return v;
    }

    static String value(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        var v = record.get(column);
        return v == null || v.isBlank() ? null : Normalizer.normalize(v.strip(), Normalizer.Form.NFC);
    }

    static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
