package vn.hailong.units;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

import vn.hailong.http.Rejected;
import vn.hailong.http.Rejected.Problem;

/** The CSV layout of a unit import, read with every problem named by line and column. */
final class UnitCsv {
    static final List<String> COLUMNS = List.of("code", "name_vi", "name_en", "kind", "parent_code");

    record Row(int line, String code, String nameVi, String nameEn, String kind, String parentCode) {
    }

    private UnitCsv() {
    }

    static List<Row> parse(String body) {
        var problems = new ArrayList<Problem>();
        var rows = new ArrayList<Row>();
        var text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        try (var parser = CSVParser.parse(new StringReader(text),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get())) {
            for (var column : List.of("code", "name_vi", "kind")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    problems.add(new Problem(1, column, "missing column; expected " + String.join(",", COLUMNS)));
                }
            }
            if (!problems.isEmpty()) {
                throw new Rejected(problems);
            }
            var seen = new HashMap<String, Integer>();
            for (var record : parser) {
                int line = (int) record.getRecordNumber() + 1;
                var code = value(record, "code");
                var nameVi = value(record, "name_vi");
                var kind = value(record, "kind");
                if (code == null) {
                    problems.add(new Problem(line, "code", "is empty"));
                } else if (seen.putIfAbsent(code, line) != null) {
                    problems.add(new Problem(line, "code", "'" + code + "' is also on line " + seen.get(code)));
                }
                if (nameVi == null) {
                    problems.add(new Problem(line, "name_vi", "is empty"));
                }
                if (kind == null) {
                    problems.add(new Problem(line, "kind", "is empty"));
                }
                rows.add(new Row(line, code, nameVi, value(record, "name_en"), kind, value(record, "parent_code")));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new Problem(problems.isEmpty() ? 1 : problems.get(problems.size() - 1).row(), "",
                    "not readable as CSV: " + e.getMessage()));
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(1, "", "the file has no rows"));
        }
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        return rows;
    }

    /** Orders rows so each parent in the file comes before its children; a cycle is a problem. */
    static List<Row> parentsFirst(List<Row> rows, List<Problem> problems) {
        var byCode = new LinkedHashMap<String, Row>();
        rows.forEach(r -> byCode.put(r.code(), r));
        var ordered = new ArrayList<Row>();
        var state = new HashMap<String, Integer>(); // 1 visiting, 2 done
        for (var row : rows) {
            visit(row, byCode, state, ordered, problems);
        }
        return ordered;
    }

    private static void visit(Row row, Map<String, Row> byCode, Map<String, Integer> state, List<Row> ordered,
                              List<Problem> problems) {
        var s = state.get(row.code());
        if (s != null) {
            if (s == 1) {
                problems.add(new Problem(row.line(), "parent_code", "the parents in the file form a cycle"));
            }
            return;
        }
        state.put(row.code(), 1);
        var parent = row.parentCode() == null ? null : byCode.get(row.parentCode());
        if (parent != null) {
            visit(parent, byCode, state, ordered, problems);
        }
        state.put(row.code(), 2);
        ordered.add(row);
    }

    private static String value(org.apache.commons.csv.CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        var v = record.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
