package vn.hailong.imports;

import static vn.hailong.db.schema.Tables.UNIT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.Vietnam;
import vn.hailong.audit.AuditLog;
import vn.hailong.db.Locks;
import vn.hailong.rollup.Rollups;
import vn.hailong.survey.Forms;
import vn.hailong.units.Units;

/**
 * Imports a response file all or nothing, in one transaction. A first reading checks every row and copies
 * the response ids to a temporary table, where PostgreSQL finds the ids given twice and those already
 * imported; a second reading copies the new responses to another, from which they go into response and,
 * in the order of their rollup key, into the rollups ({@link ResponseWriter}). Imports take turns (an
 * advisory lock), so one file sent twice at once is stored once. Memory does not grow with the file.
 */
final class ResponseImport {
    private static final Logger log = LoggerFactory.getLogger(ResponseImport.class);
    /** Rollup rows summed in memory before they are added to the table: about 7 MB for SIPAS. */
    static final int ROLLUP_ROWS_HELD = 1_000;

    /** What to import the file as: which published questionnaire version, whether to create unknown agencies. */
    record Options(Forms.Form form, boolean createMissingUnits, String unitKind, boolean dryRun) {
    }

    /** What happened, or on a dry run what would: rows read, new responses, rows whose id was already imported. */
    record Outcome(long rows, long imported, long skipped, int unitsCreated, boolean dryRun, long problemCount,
                          List<Problem> problems, long resolved) {
        Outcome(long rows, long imported, long skipped, int unitsCreated, boolean dryRun, long problemCount,
                List<Problem> problems) {
            this(rows, imported, skipped, unitsCreated, dryRun, problemCount, problems, 0);
        }
    }

    private final DSLContext dsl;
    private final Rollups rollups;

    ResponseImport(DSLContext dsl, Rollups rollups) {
        this.dsl = dsl;
        this.rollups = rollups;
    }

    /** How far an import has got: the file is read twice, to check it ("checking") and to store it ("writing"). */
    interface Progress {
        Progress NONE = (phase, row) -> { };

        void at(String phase, int row);
    }

    /** actor: who imports, as the audit log names them. */
    Outcome run(Path file, Sheet.Format format, Options options, String actor) {
        return run(file, format, options, actor, Progress.NONE);
    }

    Outcome run(Path file, Sheet.Format format, Options options, String actor, Progress progress) {
        var sheet = Sheet.of(file, format);
        long started = System.nanoTime();
        var outcome = dsl.transactionResult(trx -> run(trx.dsl(), sheet, options, actor, progress));
        log.info("event=responses_imported rows={} imported={} skipped={} problems={} dry_run={} seconds={}",
                outcome.rows(), outcome.imported(), outcome.skipped(), outcome.problemCount(), outcome.dryRun(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
        return outcome;
    }

    private Outcome run(DSLContext tx, Sheet sheet, Options options, String actor, Progress progress) {
        if (!options.dryRun()) {
            Locks.hold(tx, Locks.IMPORT);
        }
        tx.execute("create temporary table import_key (row integer not null, response_id varchar not null)"
                + " on commit drop");
        var problems = new Problems();
        var codes = Codes.read(tx);
        var checks = new ResponseRows(options.form(), codes, options.createMissingUnits(), problems);
        var first = new FirstReading(checks, problems);
        long t0 = System.nanoTime();
        var checking = Sheet.counted(sheet, row -> progress.at("checking", row));
        tx.connection(connection -> first.read(checking, copy(connection, "copy import_key (row, response_id) from stdin")));
        long t1 = System.nanoTime();
        tx.execute("analyze import_key"); // temporary tables get no statistics otherwise, and joins on them bad plans
        if (first.headerRow > 0 && first.headerProblems == 0) {
            duplicates(tx, problems);
        }
        if (problems.any()) {
            return new Outcome(first.rows, 0, 0, 0, options.dryRun(), problems.count(), problems.first());
        }
        long t2 = System.nanoTime();
        var skipped = new BitSet();
        tx.connection(connection -> {
            try (var statement = connection.prepareStatement("select k.row from import_key k"
                    + " join imported_response i on i.external_id = k.response_id")) {
                statement.setFetchSize(10_000); // streamed: a file imported again may have a million rows to skip
                try (var r = statement.executeQuery()) {
                    while (r.next()) {
                        skipped.set(r.getInt(1));
                    }
                }
            }
        });
        long imported = first.rows - skipped.cardinality();
        if (options.dryRun()) {
            return new Outcome(first.rows, imported, skipped.cardinality(), checks.newUnits().size(), true, 0, List.of(),
                    checks.resolved());
        }
        if (imported > 0) {
            ensurePartitions(first.firstYear, first.lastYear);
        }
        createUnits(tx, checks, codes, options.unitKind());
        tx.execute("insert into imported_response (external_id) select k.response_id from import_key k"
                + " where not exists (select 1 from imported_response i where i.external_id = k.response_id)");
        var writer = new ResponseWriter(tx, rollups, options.form());
        var second = new ResponseRows(options.form(), codes, false, new Problems());
        long t3 = System.nanoTime();
        tx.execute(ResponseWriter.STAGE);
        var writing = Sheet.counted(sheet, row -> progress.at("writing", row));
        tx.connection(connection -> writer.stage(connection, writing, second, skipped));
        long t4 = System.nanoTime();
        writer.store();
        long t5 = System.nanoTime();
        tx.connection(writer::addRollups);
        log.info("event=responses_written check_s={} duplicates_s={} known_s={} stage_s={} store_s={} rollups_s={}",
                seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2), seconds(t4 - t3), seconds(t5 - t4),
                seconds(System.nanoTime() - t5));
        var summary = new LinkedHashMap<String, Object>();
        summary.put("questionnaire", options.form().questionnaire());
        summary.put("version", options.form().version());
        summary.put("rows", first.rows);
        summary.put("imported", writer.written());
        summary.put("skipped", skipped.cardinality());
        summary.put("unitsCreated", checks.newUnits().size());
        summary.put("resolved", checks.resolved());
        AuditLog.record(tx, actor, "import", "response", null, null, null, summary);
        return new Outcome(first.rows, writer.written(), skipped.cardinality(), checks.newUnits().size(), false, 0,
                List.of(), checks.resolved());
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** The rows whose response id an earlier row of the file already has. */
    private static void duplicates(DSLContext tx, Problems problems) {
        try (var cursor = tx.resultQuery("select k.row, k.response_id, d.first from import_key k"
                        + " join (select response_id, min(row) as first from import_key group by response_id"
                        + "       having count(*) > 1) d on d.response_id = k.response_id"
                        + " where k.row <> d.first order by k.row")
                .fetchSize(1_000)
                .fetchLazy()) {
            for (var r : cursor) {
                problems.add(r.get(0, Integer.class), ResponseRows.RESPONSE_ID, "'" + r.get(1, String.class)
                        + "' is also on row " + r.get(2, Integer.class) + "; each response id may appear once");
            }
        }
    }

    /** Creates the year partitions the file needs, each in its own short transaction outside the import's. */
    private void ensurePartitions(int firstYear, int lastYear) {
        for (int year = firstYear; year <= lastYear; year++) {
            if (dsl.fetchValue("select to_regclass({0})", "response_y" + year) == null) {
                dsl.execute("select ensure_response_partitions({0}, {0})", year);
            }
        }
    }

    /** New agencies go under the root of the tree when there is one root, else at the top; named by their code. */
    private static void createUnits(DSLContext tx, ResponseRows checks, Codes codes, String kind) {
        if (checks.newUnits().isEmpty()) {
            return;
        }
        var roots = tx.select(UNIT.ID).from(UNIT).where(UNIT.PARENT_ID.isNull()).limit(2).fetch(UNIT.ID);
        Long parent = roots.size() == 1 ? roots.get(0) : null;
        var units = new Units(tx);
        for (var code : checks.newUnits()) {
            codes.units.put(code, units.insert(tx, code, code, null, kind, parent));
        }
    }

    /** A COPY ... FROM STDIN on the transaction's connection, written to as a stream. */
    static org.postgresql.copy.PGCopyOutputStream copy(Connection connection, String sql) throws SQLException {
        return new org.postgresql.copy.PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16);
    }

    /** The first reading: checks each row and copies its response id to import_key. */
    private static final class FirstReading implements Sheet.Rows {
        private final ResponseRows checks;
        private final Problems problems;
        private final StringBuilder line = new StringBuilder();
        private org.postgresql.copy.PGCopyOutputStream keys;
        int headerRow;
        long headerProblems;
        long rows;
        int firstYear = Integer.MAX_VALUE;
        int lastYear = Integer.MIN_VALUE;

        FirstReading(ResponseRows checks, Problems problems) {
            this.checks = checks;
            this.problems = problems;
        }

        void read(Sheet sheet, org.postgresql.copy.PGCopyOutputStream keys) throws IOException {
            this.keys = keys;
            try (keys) {
                sheet.read(this);
            } catch (SheetException e) {
                problems.add(e.row(), "", e.getMessage());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (headerRow == 0 && !problems.any()) {
                problems.add(1, "", "the file is empty: it needs a header row and one row per response");
            } else if (headerRow > 0 && rows == 0 && !problems.any()) {
                problems.add(headerRow + 1, "", "the file has a header but no responses");
            }
        }

        @Override
        public void header(int row, List<String> names) {
            headerRow = row;
            checks.header(row, names);
            headerProblems = problems.count();
        }

        @Override
        public void row(int row, String[] cells, int width) {
            rows++;
            if (headerProblems > 0) {
                return; // without the columns, checking the rows would only repeat the header's problems
            }
            var id = checks.responseId(cells, width);
            var checked = checks.check(row, cells, width);
            if (checked != null) {
                int year = checked.submittedAt().atZoneSameInstant(Vietnam.ZONE).getYear();
                firstYear = Math.min(firstYear, year);
                lastYear = Math.max(lastYear, year);
            }
            if (id != null) {
                line.setLength(0);
                line.append(row).append('\t');
                ResponseWriter.text(line, id);
                line.append('\n');
                try {
                    keys.write(line.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
