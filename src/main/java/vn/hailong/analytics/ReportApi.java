package vn.hailong.analytics;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import vn.hailong.Vietnam;
import vn.hailong.auth.UnitScope;
import vn.hailong.db.Freshness;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;
import vn.hailong.report.Report;
import vn.hailong.report.ReportPdf;
import vn.hailong.rollup.Filter;
import vn.hailong.stats.Estimates;
import vn.hailong.survey.Forms;
import vn.hailong.targets.Targets;

/**
 * GET /api/v1/report.pdf?questionnaire=&unit=&year=&lang=: the report of a unit (or the whole province) for a year, as
 * an A4 PDF an issuing body can publish. Its heading (issuer, the body above it, the number and the place) comes from the
 * query, by default from the root of the unit tree: "UBND TỈNH …", "SỞ NỘI VỤ", "Số: ……/BC-SNV", the province's name.
 */
public final class ReportApi {
    private static final Logger log = LoggerFactory.getLogger(ReportApi.class);
    private static final int MAX_TEXT = 200;

    private final DSLContext dsl;
    private final Slices slices;
    private final ReportContent content;
    private final Targets targets;

    public ReportApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.slices = new Slices(dsl, forms);
        this.content = new ReportContent(dsl, forms, slices);
        this.targets = new Targets(dsl);
    }

    public void pdf(Context ctx) {
        int year = year(ctx);
        boolean english = english(ctx);
        var heading = heading(english, name -> text(ctx, name));
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        var code = AnalyticsRequest.text(ctx, "questionnaire");
        // Read on a standby that is behind (DATABASE_READ_URL): the report says so under its heading.
        var behind = Freshness.of(ctx).filter(Freshness::noticeable).map(f -> f.sentence(english));
        var rendered = render(request, Report.Span.year(year), english, heading,
                targetsOf(code == null ? "SIPAS" : code, year, principal(ctx).scope()), behind);
        var unit = rendered.unit() == null ? "all" : rendered.unit().replaceAll("[^A-Za-z0-9._-]", "_");
        var pdf = rendered.pdf();
        ctx.contentType("application/pdf");
        ctx.header("Content-Disposition", "attachment; filename=\"" + (english ? "satisfaction-report-" : "bao-cao-hai-long-")
                + unit + "-" + year + ".pdf\"");
        ctx.result(pdf);
    }

    /** A report as a PDF, with the code of the unit it is about (null: several roots). */
    public record Rendered(String unit, byte[] pdf) {
    }

    /**
     * The report of one unit (its whole subtree, whoever asks: the recipients of a scheduled report were chosen by
     * their unit) over the days from {@code from} to {@code to}, compared with the same days a year before (a whole
     * calendar year with the year before), with the default heading. What GET /report.pdf renders, read the same way.
     * Throws IllegalArgumentException naming what is unknown (the unit, the questionnaire).
     */
    public Rendered unitPdf(String unitCode, LocalDate from, LocalDate to, String questionnaire, boolean english) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
        var unitId = dsl.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(unitCode)).fetchOptional(UNIT.ID)
                .orElseThrow(() -> new IllegalArgumentException("no unit with code '" + unitCode + "'"));
        var versions = slices.versions(questionnaire).orElseThrow(() ->
                new IllegalArgumentException("no published, scored questionnaire '" + questionnaire + "'"));
        var filter = new Filter(from, to, unitId, null, null, null, null, false, UnitScope.ALL, true, false);
        var request = new AnalyticsRequest(questionnaire, versions, filter, List.of(), Estimates.DEFAULT_MIN_N,
                UnitScope.ALL, false);
        return render(request, Report.Span.of(from, to), english, heading(english, name -> null),
                targetsOf(questionnaire, to.getYear(), UnitScope.ALL), Optional.empty());
    }

    private Rendered render(AnalyticsRequest request, Report.Span span, boolean english, Report.Heading heading,
                            ReportContent.Targets targets, Optional<String> behind) {
        long started = System.nanoTime();
        var report = content.read(request, span, english, heading, targets);
        if (behind.isPresent()) {
            var notes = new ArrayList<>(report.boundaries());
            notes.add(behind.get());
            report = new Report(report.english(), report.heading(), report.questionnaire(), report.scope(),
                    report.period(), report.minN(), report.elements(), report.criteria(), report.units(), report.months(),
                    List.copyOf(notes));
        }
        long read = System.nanoTime();
        var pdf = ReportPdf.render(report);
        log.info("event=report_pdf from={} to={} lang={} read_ms={} render_ms={} bytes={}", span.from(), span.to(),
                english ? "en" : "vi", (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000, pdf.length);
        return new Rendered(report.scope().code(), pdf);
    }

    /** The targets the units in {@code scope} are held to in the year, for the questionnaire reported on. */
    private ReportContent.Targets targetsOf(String code, int year, UnitScope scope) {
        var questionnaire = targets.questionnaire(code);
        if (questionnaire.isEmpty()) {
            return ReportContent.Targets.NONE;
        }
        var byUnit = new HashMap<String, Double>();
        for (var t : targets.effective(year, questionnaire.get(), scope)) {
            if (t.value() != null) {
                byUnit.put(t.unit().code(), t.value().doubleValue());
            }
        }
        return byUnit::get;
    }

    private static int year(Context ctx) {
        var value = ctx.queryParam("year");
        if (value == null || value.isBlank()) {
            throw Invalid.field("year", "is required: the year reported on, e.g. 2025");
        }
        return Requests.wholeNumber(ctx, "year", 0, 2001, 2100);
    }

    private static boolean english(Context ctx) {
        var lang = AnalyticsRequest.text(ctx, "lang");
        if (lang == null || lang.equals("vi")) {
            return false;
        }
        if (lang.equals("en")) {
            return true;
        }
        throw Invalid.field("lang", "must be vi or en");
    }

    /** The heading: each part from the query when given, else from the root of the unit tree. */
    private Report.Heading heading(boolean english, Function<String, String> given) {
        var root = dsl.select(UNIT.NAME_VI, UNIT.NAME_EN).from(UNIT).where(UNIT.PARENT_ID.isNull()).orderBy(UNIT.ID)
                .limit(1).fetchOptional();
        var nameVi = root.map(r -> plain(r.value1())).orElse("");
        var nameEn = root.map(r -> plain(r.value2() == null ? r.value1() : r.value2())).orElse("");
        var superior = english ? "PEOPLE'S COMMITTEE OF " + nameEn.toUpperCase(Locale.ROOT)
                : "UBND " + nameVi.toUpperCase(new Locale("vi"));
        var place = english ? nameEn.replaceFirst("(?i)\\s+(province|city)$", "")
                : nameVi.replaceFirst("^(Tỉnh|Thành phố)\\s+", "");
        return new Report.Heading(
                or(given.apply("superior"), superior),
                or(given.apply("issuer"), english ? "DEPARTMENT OF HOME AFFAIRS" : "SỞ NỘI VỤ"),
                or(given.apply("number"), "……/BC-SNV"),
                or(given.apply("place"), place),
                Vietnam.today());
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** A unit's name without what follows it in brackets ("Tỉnh Minh An (dữ liệu mẫu)" → "Tỉnh Minh An"). */
    private static String plain(String name) {
        return name.replaceAll("\\s*\\(.*\\)\\s*$", "").strip();
    }

    /** A heading's part from the query, null when not given. */
    private static String text(Context ctx, String name) {
        var value = Requests.optionalText(name, ctx.queryParam(name), MAX_TEXT);
        if (value == null) {
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw Invalid.field(name, "must be one line of text");
        }
        return value;
    }
}
