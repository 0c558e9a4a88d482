package vn.hailong.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;

import org.jooq.DSLContext;
import org.postgresql.copy.PGCopyOutputStream;

import vn.hailong.Vietnam;
import vn.hailong.collect.QualityFlags;
import vn.hailong.rollup.Rollups;
import vn.hailong.survey.Forms;

/**
 * The second reading of an import: each new response as one line of COPY into a temporary table, then into
 * response with one statement; the rollups are summed from the temporary table read back in the order of
 * their key, so each rollup row is added to once, whatever the order of the file, and at most
 * {@link ResponseImport#ROLLUP_ROWS_HELD} are held in memory. Quality flags as for submissions (straight-lining).
 */
final class ResponseWriter implements Sheet.Rows {
    static final String STAGE = "create temporary table import_response (agency_id bigint, submitted_at timestamptz,"
            + " day date, service_id bigint, channel varchar, external_id varchar, stratum varchar, answers smallint[],"
            + " comment varchar, quality_flags varchar[], flagged boolean) on commit drop";
    private static final String COPY = "copy import_response (agency_id, submitted_at, day, service_id, channel,"
            + " external_id, stratum, answers, comment, quality_flags, flagged) from stdin";
    private static final String ROLLUP_ORDER = "select agency_id, day, service_id, channel, stratum, flagged, answers"
            + " from import_response order by agency_id, day, service_id, channel, stratum, flagged";

    private final DSLContext tx;
    private final Rollups rollups;
    private final Forms.Form form;
    private final QualityFlags flags = new QualityFlags();
    private final StringBuilder line = new StringBuilder(256);
    private ResponseRows checks;
    private BitSet skipped;
    private PGCopyOutputStream out;
    private long written;

    ResponseWriter(DSLContext tx, Rollups rollups, Forms.Form form) {
        this.tx = tx;
        this.rollups = rollups;
        this.form = form;
    }

    long written() {
        return written;
    }

    /** Copies every checked row of the sheet but the skipped ones; the file must not have changed since it was checked. */
    void stage(Connection connection, Sheet sheet, ResponseRows checks, BitSet skipped) throws IOException, SQLException {
        this.checks = checks;
        this.skipped = skipped;
        try (var copy = ResponseImport.copy(connection, COPY)) {
            out = copy;
            sheet.read(this);
        } catch (SheetException e) {
            throw new IllegalStateException("the file changed while it was imported: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Moves the staged responses into response, one statement. */
    void store() {
        tx.execute("insert into response (agency_id, submitted_at, questionnaire_version_id, service_id, channel,"
                + " external_id, stratum, answers, comment, quality_flags)"
                + " select agency_id, submitted_at, {0}, service_id, channel, external_id, stratum, answers, comment,"
                + " quality_flags from import_response", form.versionId());
    }

    /** Adds the staged responses to the rollups, reading them in key order. */
    void addRollups(Connection connection) throws SQLException {
        var additions = rollups.additions();
        try (var statement = connection.prepareStatement(ROLLUP_ORDER)) {
            statement.setFetchSize(5_000);
            try (var r = statement.executeQuery()) {
                Rollups.Key last = null;
                while (r.next()) {
                    var key = new Rollups.Key(r.getLong(1), r.getObject(2, LocalDate.class), form.versionId(),
                            r.getLong(3), 0, r.getString(4), r.getString(5) == null ? "" : r.getString(5), r.getBoolean(6));
                    if (!key.equals(last) && additions.size() >= ResponseImport.ROLLUP_ROWS_HELD) {
                        additions.addToRollups(connection);
                        additions = rollups.additions();
                    }
                    additions.add(key, (Short[]) r.getArray(7).getArray());
                    last = key;
                }
            }
        }
        additions.addToRollups(connection);
    }

    @Override
    public void header(int row, List<String> names) {
        checks.header(row, names);
    }

    @Override
    public void row(int row, String[] cells, int width) {
        if (skipped.get(row)) {
            return;
        }
        var r = checks.check(row, cells, width);
        if (r == null || r.agencyId() == null) {
            throw new IllegalStateException("the file changed while it was imported (row " + row + ")");
        }
        var quality = flags.of(form, r.answers(), null, r.submittedAt());
        line.setLength(0);
        line.append(r.agencyId()).append('\t')
                .append(r.submittedAt()).append('\t')
                .append(r.submittedAt().atZoneSameInstant(Vietnam.ZONE).toLocalDate()).append('\t')
                .append(r.serviceId() == null ? "\\N" : r.serviceId().toString()).append('\t');
        text(line, r.channel());
        line.append('\t');
        text(line, r.responseId());
        line.append('\t');
        text(line, r.stratum());
        line.append("\t{");
        var answers = r.answers();
        for (int i = 0; i < answers.length; i++) {
            line.append(i == 0 ? "" : ",").append(answers[i] == null ? "NULL" : answers[i].toString());
        }
        line.append("}\t");
        text(line, r.comment());
        line.append("\t{").append(String.join(",", quality)).append("}\t").append(quality.isEmpty() ? 'f' : 't')
                .append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value in COPY's text format: \N for null, backslash escapes for the characters that separate. */
    static void text(StringBuilder line, String value) {
        if (value == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }
}
