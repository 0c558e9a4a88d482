package vn.hailong.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;

import org.jooq.DSLContext;
import org.postgresql.copy.PGCopyOutputStream;

import vn.hailong.collect.QualityFlags;
import vn.hailong.rollup.Rollups;
import vn.hailong.survey.Forms;

/**
 * The second reading of an import: each new response as one line of COPY into response, its statistics summed
 * per rollup row in memory and added to the rollups whenever {@link ResponseImport#ROLLUP_ROWS_HELD} rows are
 * held (the COPY is ended for that and begun again). Quality flags as for submissions (straight-lining).
 */
final class ResponseWriter implements Sheet.Rows {
    private static final String COPY = "copy response (agency_id, submitted_at, questionnaire_version_id, service_id,"
            + " channel, external_id, stratum, answers, comment, quality_flags) from stdin";

    private final DSLContext tx;
    private final Rollups rollups;
    private final Forms.Form form;
    private final QualityFlags flags = new QualityFlags();
    private final Rollups.Additions additions;
    private final StringBuilder line = new StringBuilder(256);
    private ResponseRows checks;
    private BitSet skipped;
    private Connection connection;
    private PGCopyOutputStream out;
    private long written;

    ResponseWriter(DSLContext tx, Rollups rollups, Forms.Form form) {
        this.tx = tx;
        this.rollups = rollups;
        this.form = form;
        this.additions = rollups.additions();
    }

    long written() {
        return written;
    }

    /** Writes every checked row of the sheet but the skipped ones; the file must not have changed since it was checked. */
    void write(Connection connection, Sheet sheet, ResponseRows checks, BitSet skipped) throws IOException, SQLException {
        this.connection = connection;
        this.checks = checks;
        this.skipped = skipped;
        out = ResponseImport.copy(connection, COPY);
        try {
            sheet.read(this);
        } catch (SheetException e) {
            throw new IllegalStateException("the file changed while it was imported: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            out.close();
        }
        rollups.add(tx, additions);
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
                .append(form.versionId()).append('\t');
        if (r.serviceId() == null) {
            line.append("\\N");
        } else {
            line.append(r.serviceId());
        }
        line.append('\t');
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
        line.append("\t{").append(String.join(",", quality)).append("}\n");
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            written++;
            additions.add(Rollups.Key.of(r.agencyId(), r.submittedAt(), form.versionId(), r.serviceId(), null,
                    r.channel(), r.stratum(), !quality.isEmpty()), answers);
            if (additions.rows() >= ResponseImport.ROLLUP_ROWS_HELD) {
                out.close();
                rollups.add(tx, additions);
                out = ResponseImport.copy(connection, COPY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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
