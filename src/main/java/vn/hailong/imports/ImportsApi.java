package vn.hailong.imports;

import static vn.hailong.auth.AccessControl.principal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import vn.hailong.http.Invalid;
import vn.hailong.http.Rejected;
import vn.hailong.rollup.Rollups;
import vn.hailong.survey.Forms;
import vn.hailong.units.Units;

/**
 * POST /api/v1/imports (responses) and POST /api/v1/population/import (totals): the body is the file itself,
 * {@code text/csv} or the XLSX type, streamed to a file of {@link Uploads} (up to 1 GB, past the server's limit for
 * other requests), then imported all or nothing. Options are query parameters.
 */
public final class ImportsApi {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DEFAULT_QUESTIONNAIRE = "SIPAS";
    static final String DEFAULT_UNIT_KIND = "department";

    private final DSLContext dsl;
    private final Forms forms;
    private final ResponseImport responses;
    private final PopulationImport population;
    private final Uploads uploads;

    public ImportsApi(DSLContext dsl, Forms forms, Rollups rollups, Uploads uploads) {
        this.dsl = dsl;
        this.uploads = uploads;
        this.forms = forms;
        this.responses = new ResponseImport(dsl, rollups);
        this.population = new PopulationImport(dsl);
    }

    /** ?questionnaire=SIPAS&version=1&createMissingUnits=true&unitKind=department&dryRun=true, all optional. */
    public void responses(Context ctx) {
        var format = format(ctx);
        var code = ctx.queryParam("questionnaire") == null ? DEFAULT_QUESTIONNAIRE : ctx.queryParam("questionnaire").strip();
        var version = ctx.queryParamAsClass("version", Integer.class).getOrNull();
        boolean createMissingUnits = flag(ctx, "createMissingUnits");
        boolean dryRun = flag(ctx, "dryRun");
        var kind = ctx.queryParam("unitKind") == null ? DEFAULT_UNIT_KIND : ctx.queryParam("unitKind").strip();
        var form = (version == null ? forms.latest(code) : forms.published(code, version)).orElseThrow(() ->
                version == null ? Invalid.field("questionnaire", "no questionnaire '" + code + "' has a published version")
                        : Invalid.field("version", "questionnaire '" + code + "' has no published version " + version));
        if (!new Units(dsl).kindExists(dsl, kind)) {
            throw Invalid.field("unitKind", "unknown unit kind '" + kind + "'");
        }
        try (var upload = uploads.receive(ctx)) {
            var outcome = responses.run(upload.file, format, new ResponseImport.Options(form, createMissingUnits, kind, dryRun),
                    principal(ctx).actor());
            if (outcome.problemCount() > 0) {
                throw rejected(outcome.problems(), outcome.problemCount());
            }
            var answer = new LinkedHashMap<String, Object>();
            answer.put("questionnaire", form.questionnaire());
            answer.put("version", form.version());
            answer.put("rows", outcome.rows());
            answer.put("imported", outcome.imported());
            answer.put("skipped", outcome.skipped());
            answer.put("unitsCreated", outcome.unitsCreated());
            // Rows naming an ended unit by a code it had, counted under the unit valid on their day.
            answer.put("resolved", outcome.resolved());
            answer.put("dryRun", outcome.dryRun());
            answer.put("problems", outcome.problems());
            ctx.status(!dryRun && outcome.imported() > 0 ? HttpStatus.CREATED : HttpStatus.OK).json(answer);
        }
    }

    public void population(Context ctx) {
        var format = format(ctx);
        try (var upload = uploads.receive(ctx)) {
            var outcome = population.run(upload.file, format, principal(ctx).actor());
            if (outcome.problemCount() > 0) {
                throw rejected(outcome.problems(), outcome.problemCount());
            }
            ctx.json(Map.of("rows", outcome.rows(), "stored", outcome.stored()));
        }
    }

    private static Rejected rejected(java.util.List<Problem> problems, long count) {
        return new Rejected(problems.stream().map(p -> new Rejected.Problem(p.row(), p.column(), p.message())).toList(),
                count);
    }

    private static Sheet.Format format(Context ctx) {
        var type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv", "application/csv", "text/plain" -> Sheet.Format.CSV;
            case XLSX -> Sheet.Format.XLSX;
            default -> throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "Send the file itself as the body, with Content-Type text/csv (UTF-8) or " + XLSX + ".", Map.of());
        };
    }

    /** true, false, or absent (false); anything else is a 400 naming the parameter. */
    private static boolean flag(Context ctx, String name) {
        var value = ctx.queryParam(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(), name + ": must be true or false, not '"
                + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'", Map.of("field", name));
    }
}
