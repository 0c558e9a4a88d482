package vn.hailong.dossiers;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.http.Rejected;

/**
 * One item of a JSON array sent in bulk, read field by field: every problem is noted with the item's index and
 * the field, so that one answer lists them all, rather than stopping at the first as a typed reader does.
 */
final class Item {
    /** Dossier systems went electronic long after this; an earlier date is a typo. */
    static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2099, 12, 31);

    private final JsonNode node;
    private final int row;
    private final List<Rejected.Problem> problems;
    private final int problemsBefore;

    Item(JsonNode node, int row, Set<String> fields, List<Rejected.Problem> problems) {
        this.node = node;
        this.row = row;
        this.problems = problems;
        this.problemsBefore = problems.size();
        if (node == null || !node.isObject()) {
            problem("", "must be an object");
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                problem(name, "is not a field of this item; the fields are " + fields);
            }
        });
    }

    /** Whether no problem has been noted about this item (so far). */
    boolean clean() {
        return problems.size() == problemsBefore;
    }

    boolean isObject() {
        return node != null && node.isObject();
    }

    void problem(String field, String message) {
        problems.add(new Rejected.Problem(row, field, message));
    }

    private JsonNode value(String field) {
        var value = isObject() ? node.get(field) : null;
        return value == null || value.isNull() ? null : value;
    }

    /** Text, trimmed; null when absent and not required. */
    String text(String field, boolean required, int maxLength) {
        var value = value(field);
        if (value == null) {
            if (required && isObject()) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(field, "must be text");
            return null;
        }
        var text = value.asText().strip();
        if (text.isEmpty()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (text.length() > maxLength) {
            problem(field, "is longer than " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** A date like 2026-01-31, from 2000 to {@code last}; null when absent and not required. */
    LocalDate date(String field, boolean required, LocalDate last) {
        var value = value(field);
        if (value == null) {
            if (required && isObject()) {
                problem(field, "is required");
            }
            return null;
        }
        try {
            if (value.isTextual()) {
                var date = LocalDate.parse(value.asText().strip());
                if (!date.isBefore(FIRST_DAY) && !date.isAfter(last)) {
                    return date;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem(field, "must be a date like 2026-01-31, from " + FIRST_DAY + " to " + last);
        return null;
    }

    /** A month like 2026-01, from 2000-01 to {@code last}. */
    YearMonth month(String field, YearMonth last) {
        var value = value(field);
        if (value == null) {
            if (isObject()) {
                problem(field, "is required");
            }
            return null;
        }
        try {
            if (value.isTextual() && value.asText().strip().matches("\\d{4}-\\d{2}")) {
                var month = YearMonth.parse(value.asText().strip());
                if (!month.isBefore(YearMonth.from(FIRST_DAY)) && !month.isAfter(last)) {
                    return month;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem(field, "must be a month like 2026-01, from 2000-01 to " + last);
        return null;
    }

    /** true or false; null when absent. */
    Boolean bool(String field) {
        var value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false");
            return null;
        }
        return value.asBoolean();
    }

    /** A count: a whole number from 0 to max; null when absent and not required. */
    Integer count(String field, boolean required, int max) {
        var value = value(field);
        if (value == null) {
            if (required && isObject()) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > max) {
            problem(field, "must be a whole number from 0 to " + max);
            return null;
        }
        return value.asInt();
    }
}
