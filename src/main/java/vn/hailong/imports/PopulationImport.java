package vn.hailong.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import vn.hailong.analytics.PopulationTotals;
import vn.hailong.audit.AuditLog;

/**
 * A file of population totals for weighting, {@code unit_code, year, stratum, total}, stored all or nothing
 * through {@link PopulationTotals} (a total already there for the unit, year and stratum is replaced).
 */
final class PopulationImport {
    static final List<String> COLUMNS = List.of("unit_code", "year", "stratum", "total");
    private static final Map<String, String> COLUMN_OF = Map.of("unit", "unit_code", "year", "year",
            "stratum", "stratum", "total", "total");

    record Outcome(long rows, long stored, long problemCount, List<Problem> problems) {
    }

    private final DSLContext dsl;

    PopulationImport(DSLContext dsl) {
        this.dsl = dsl;
    }

    Outcome run(Path file, Sheet.Format format, String actor) {
        try {
            return dsl.transactionResult(trx -> {
                var tx = trx.dsl();
                var reading = new Reading(new PopulationTotals(tx));
                try {
                    Sheet.of(file, format).read(reading);
                } catch (SheetException e) {
                    reading.problems.add(e.row(), "", e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (reading.header == 0 && !reading.problems.any()) {
                    reading.problems.add(1, "", "the file is empty: it needs a header row (" + String.join(",", COLUMNS)
                            + ") and one row per total");
                } else if (reading.rows == 0 && !reading.problems.any()) {
                    reading.problems.add(reading.header + 1, "", "the file has a header but no totals");
                }
                var outcome = new Outcome(reading.rows, 0, reading.problems.count(), reading.problems.first());
                if (reading.problems.any()) {
                    throw new Refused(outcome); // rolls back what was stored before the first problem
                }
                long stored = reading.totals.flush();
                AuditLog.record(tx, actor, "import", "population_total", null, null, null, Map.of("rows", reading.rows));
                return new Outcome(reading.rows, stored, 0, List.of());
            });
        } catch (Refused refused) {
            return refused.outcome;
        }
    }

    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Outcome outcome;

        Refused(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private static final class Reading implements Sheet.Rows {
        final PopulationTotals totals;
        final Problems problems = new Problems();
        final Map<String, Integer> columns = new HashMap<>();
        int width;
        int header;
        boolean headerOk;
        long rows;

        Reading(PopulationTotals totals) {
            this.totals = totals;
        }

        @Override
        public void header(int row, List<String> names) {
            header = row;
            width = names.size();
            long before = problems.count();
            for (int i = 0; i < names.size(); i++) {
                var name = names.get(i).strip();
                if (!COLUMNS.contains(name)) {
                    problems.add(row, name, "is not a column of a population file: expected " + String.join(", ", COLUMNS));
                } else if (columns.putIfAbsent(name, i) != null) {
                    problems.add(row, name, "appears twice in the header");
                }
            }
            for (var name : COLUMNS) {
                if (!columns.containsKey(name)) {
                    problems.add(row, name, "is missing from the header");
                }
            }
            headerOk = problems.count() == before;
        }

        @Override
        public void row(int row, String[] cells, int width) {
            rows++;
            if (!headerOk) {
                return;
            }
            if (width != this.width) {
                problems.add(row, "", "has " + width + " cells, the header has " + this.width);
                return;
            }
            for (int i = 0; i < cells.length; i++) {
                if (cells[i].length() > Sheet.MAX_CELL) {
                    problems.add(row, "", "a cell is longer than " + Sheet.MAX_CELL + " characters");
                    return;
                }
                if (cells[i].indexOf('\u0000') >= 0) {
                    problems.add(row, "", "a cell holds a NUL character, which is not text");
                    return;
                }
            }
            Integer year = null;
            var yearText = cells[columns.get("year")].strip();
            try {
                year = Integer.valueOf(yearText);
            } catch (NumberFormatException e) {
                problems.add(row, "year", "'" + yearText + "' is not a year");
            }
            BigDecimal total = null;
            var totalText = cells[columns.get("total")].strip();
            try {
                total = new BigDecimal(totalText);
            } catch (NumberFormatException e) {
                problems.add(row, "total", "'" + totalText + "' is not a number");
            }
            if (year == null || total == null) {
                return;
            }
            var t = new PopulationTotals.Total(cells[columns.get("unit_code")].strip(), year,
                    cells[columns.get("stratum")].strip(), total);
            for (var problem : totals.store(t)) {
                problems.add(row, COLUMN_OF.get(problem.field()), problem.message());
            }
        }
    }
}
