package vn.hailong.imports;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import vn.hailong.Vietnam;
import vn.hailong.rollup.Rollups;
import vn.hailong.survey.Forms;

/**
 * The layout of a response file and the check of each row: {@code response_id, submitted_at, agency_code,
 * channel}, optional {@code service_code, stratum, comment}, and one column per indicator code of the
 * questionnaire version (empty or NA: not applicable). Every problem goes to {@link Problems} by row and column.
 */
final class ResponseRows {
    static final String RESPONSE_ID = "response_id";
    static final String SUBMITTED_AT = "submitted_at";
    static final String AGENCY = "agency_code";
    static final String SERVICE = "service_code";
    static final String STRATUM = "stratum";
    static final String CHANNEL = "channel";
    static final String COMMENT = "comment";
    static final List<String> REQUIRED = List.of(RESPONSE_ID, SUBMITTED_AT, AGENCY, CHANNEL);
    static final List<String> OPTIONAL = List.of(SERVICE, STRATUM, COMMENT);
    static final int MAX_ID = 100;
    static final int MAX_UNIT_CODE = 64;
    /** Units an import may create: more unknown codes than this is a wrong file, not a new province. */
    static final int MAX_NEW_UNITS = 1_000;
    static final int FIRST_YEAR = 2000;

    /** A row ready to store; agencyId is null for a unit the import is to create. */
    record Checked(int row, String responseId, OffsetDateTime submittedAt, String agencyCode, Long agencyId,
                   Long serviceId, String stratum, String channel, Short[] answers, String comment) {
    }

    private final Forms.Form form;
    private final Codes codes;
    private final boolean createMissingUnits;
    private final Problems problems;
    private final OffsetDateTime latest = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10);
    private final Set<String> newUnits = new LinkedHashSet<>();
    private final Map<String, Integer> columns = new HashMap<>();
    private List<String> names = List.of();
    private Forms.Question[] questions = new Forms.Question[0];
    private int first;
    private String lastDate;
    private OffsetDateTime lastSubmittedAt;
    private final Map<String, vn.hailong.units.UnitHistory.Resolution> resolutions = new HashMap<>();
    private long resolved;

    ResponseRows(Forms.Form form, Codes codes, boolean createMissingUnits, Problems problems) {
        this.form = form;
        this.codes = codes;
        this.createMissingUnits = createMissingUnits;
        this.problems = problems;
    }

    /** Unknown agency codes that the import is to create as units, in order of first appearance. */
    Set<String> newUnits() {
        return newUnits;
    }

    void header(int row, List<String> header) {
        first = row;
        names = header.stream().map(String::strip).toList();
        questions = new Forms.Question[names.size()];
        for (int i = 0; i < names.size(); i++) {
            var name = names.get(i);
            if (name.isEmpty()) {
                problems.add(row, "", "column " + (i + 1) + " has no name");
            } else if (columns.putIfAbsent(name, i) != null) {
                problems.add(row, name, "appears twice in the header");
            } else if (form.questions().containsKey(name)) {
                questions[i] = form.questions().get(name);
            } else if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                problems.add(row, name, "is not a column of a response file: expected " + String.join(", ", REQUIRED)
                        + ", optionally " + String.join(", ", OPTIONAL) + ", and the indicator codes of "
                        + form.questionnaire() + " version " + form.version() + " (" + String.join(", ",
                        form.questions().keySet()) + ")");
            }
        }
        for (var name : REQUIRED) {
            if (!columns.containsKey(name)) {
                problems.add(row, name, "is missing from the header");
            }
        }
        for (var q : form.questions().values()) {
            if (q.required() && !columns.containsKey(q.code())) {
                problems.add(row, q.code(), "is missing from the header: " + form.questionnaire() + " version "
                        + form.version() + " asks it of everyone");
            }
        }
    }

    /** The row's response id when it has a usable one, whatever else is wrong with the row. */
    String responseId(String[] cells, int width) {
        if (width != names.size()) {
            return null;
        }
        var id = cell(cells, RESPONSE_ID);
        return id.isEmpty() || id.length() > MAX_ID || id.indexOf('\0') >= 0 ? null : id;
    }

    /** The row checked, or null when it has a problem (each one reported). */
    Checked check(int row, String[] cells, int width) {
        long before = problems.count();
        if (width != names.size()) {
            problems.add(row, "", "has " + width + " cells, the header (row " + first + ") has " + names.size());
            return null;
        }
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].length() > Sheet.MAX_CELL) {
                problems.add(row, names.get(i), "is longer than " + String.format(java.util.Locale.ROOT, "%,d", Sheet.MAX_CELL) + " characters");
                cells[i] = "";
            } else if (cells[i].indexOf('\0') >= 0) {
                problems.add(row, names.get(i), "holds a NUL character, which is not text");
                cells[i] = "";
            }
        }
        var responseId = cell(cells, RESPONSE_ID);
        if (responseId.isEmpty()) {
            problems.add(row, RESPONSE_ID, "is empty: each response needs the id the source system gave it");
        } else if (responseId.length() > MAX_ID) {
            problems.add(row, RESPONSE_ID, "is longer than " + MAX_ID + " characters");
        }
        var submittedAt = submittedAt(row, cell(cells, SUBMITTED_AT));
        var agencyCode = cell(cells, AGENCY);
        var agencyId = agency(row, agencyCode, submittedAt);
        Long serviceId = null;
        String stratum = cell(cells, STRATUM);
        var serviceCode = cell(cells, SERVICE);
        if (!serviceCode.isEmpty()) {
            var service = codes.services.get(serviceCode);
            if (service == null) {
                problems.add(row, SERVICE, "no service has code '" + serviceCode + "'");
            } else {
                serviceId = service.id();
                if (stratum.isEmpty()) {
                    stratum = service.field();
                } else if (!stratum.equals(service.field())) {
                    problems.add(row, STRATUM, "service " + serviceCode + " belongs to field " + service.field()
                            + ", not " + stratum);
                }
            }
        }
        if (!stratum.isEmpty() && !codes.fields.contains(stratum)) {
            problems.add(row, STRATUM, "'" + stratum + "' is not the code of a service field (" + some(codes.fields) + ")");
        }
        var channel = cell(cells, CHANNEL);
        if (!codes.channels.contains(channel)) {
            problems.add(row, CHANNEL, (channel.isEmpty() ? "is empty" : "'" + channel + "' is not a channel")
                    + "; one of " + some(codes.channels));
        }
        var answers = answers(row, cells);
        var comment = cell(cells, COMMENT);
        if (problems.count() > before) {
            return null;
        }
        return new Checked(row, responseId, submittedAt, agencyCode, agencyId, serviceId,
                stratum.isEmpty() ? null : stratum, channel, answers, comment.isEmpty() ? null : comment);
    }

    /** Rows whose agency code named an ended unit (or a code a unit had) and were counted under the unit valid then. */
    long resolved() {
        return resolved;
    }

    /**
     * The agency a row names on its day: the unit with the code (or that had it), or, on and after the day it ended,
     * the unit it became, followed while there is one; a code of a unit split, dissolved or not yet existing that day
     * is a problem of the row. Unknown codes are new units, when the import may create them.
     */
    private Long agency(int row, String code, OffsetDateTime at) {
        if (code.isEmpty()) {
            problems.add(row, AGENCY, "is empty");
            return null;
        }
        var named = codes.history.named(code);
        if (named.isPresent()) {
            var unit = named.get();
            if (at == null) {
                return unit.id(); // the row's date has its problem already
            }
            var day = at.atZoneSameInstant(Vietnam.ZONE).toLocalDate();
            if (!unit.ended() && unit.code().equals(code) && (unit.validFrom() == null || !day.isBefore(unit.validFrom()))) {
                return unit.id();
            }
            var resolution = resolutions.computeIfAbsent(code + "\n" + day, k -> codes.history.resolve(code, day)
                    .orElseThrow());
            if (!resolution.resolved()) {
                problems.add(row, AGENCY, resolution.problem(day));
                return null;
            }
            if (resolution.unit().id() != unit.id() || !unit.code().equals(code)) {
                resolved++;
            }
            return resolution.unit().id();
        }
        var id = codes.units.get(code);
        if (id != null) {
            return id;
        }
        if (!createMissingUnits) {
            problems.add(row, AGENCY, "no unit has code '" + code + "' (import with createMissingUnits to create it)");
        } else if (code.length() > MAX_UNIT_CODE) {
            problems.add(row, AGENCY, "'" + code.substring(0, 20) + "…' is longer than " + MAX_UNIT_CODE
                    + " characters, too long for a unit code");
        } else if (!newUnits.contains(code) && newUnits.size() == MAX_NEW_UNITS) {
            problems.add(row, AGENCY, "more than " + MAX_NEW_UNITS + " unknown agency codes; is this the right file?");
        } else {
            newUnits.add(code);
        }
        return null;
    }

    /** A date is the start of that day in Vietnam; a date-time without an offset is Vietnam time. */
    private OffsetDateTime submittedAt(int row, String text) {
        // Exports come in date order: the same date many rows running is parsed once.
        if (text.equals(lastDate)) {
            return lastSubmittedAt;
        }
        var at = parse(row, text);
        if (at != null) {
            lastDate = text;
            lastSubmittedAt = at;
        }
        return at;
    }

    private OffsetDateTime parse(int row, String text) {
        OffsetDateTime at = null;
        try {
            if (text.length() == 10) {
                at = LocalDate.parse(text).atStartOfDay(Vietnam.ZONE).toOffsetDateTime();
            } else if (text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ')) {
                var iso = text.substring(0, 10) + 'T' + text.substring(11);
                boolean offset = iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10;
                at = offset ? OffsetDateTime.parse(iso)
                        : LocalDateTime.parse(iso).atZone(Vietnam.ZONE).toOffsetDateTime();
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (at == null) {
            problems.add(row, SUBMITTED_AT, (text.isEmpty() ? "is empty" : "'" + text + "' is not a date")
                    + ": write 2024-01-31, or 2024-01-31T08:30:00 (Vietnam time unless an offset such as +07:00 follows)");
            return null;
        }
        if (at.atZoneSameInstant(Vietnam.ZONE).getYear() < FIRST_YEAR) {
            problems.add(row, SUBMITTED_AT, "'" + text + "' is before " + FIRST_YEAR);
            return null;
        }
        if (at.isAfter(latest)) {
            problems.add(row, SUBMITTED_AT, "'" + text + "' is in the future");
            return null;
        }
        return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private Short[] answers(int row, String[] cells) {
        var answers = new Short[form.size()];
        for (int i = 0; i < questions.length; i++) {
            var q = questions[i];
            if (q == null) {
                continue;
            }
            var text = cells[i].strip();
            if (text.isEmpty() || text.equalsIgnoreCase("NA")) {
                if (q.required() && !q.allowsNa()) {
                    problems.add(row, q.code(), "needs an answer: " + q.code() + " may not be left not applicable");
                }
                continue;
            }
            int level = 0;
            try {
                level = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                // reported below
            }
            if (level < 1 || level > q.levels()) {
                problems.add(row, q.code(), "must be a level from 1 to " + q.levels() + " (or empty for not applicable),"
                        + " not '" + text + "'");
                continue;
            }
            answers[q.position() - 1] = (short) level;
        }
        return answers;
    }

    private String cell(String[] cells, String column) {
        var i = columns.get(column);
        return i == null ? "" : cells[i].strip();
    }

    private static String some(Set<String> codes) {
        if (codes.isEmpty()) {
            return "none is defined yet";
        }
        var sorted = new ArrayList<>(new TreeSet<>(codes));
        return sorted.size() <= 12 ? String.join(", ", sorted)
                : String.join(", ", sorted.subList(0, 12)) + ", … (" + sorted.size() + " in all)";
    }
}
