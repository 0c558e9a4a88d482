package vn.hailong.publications;

import static vn.hailong.auth.AccessControl.principal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.Vietnam;
import vn.hailong.analytics.YearFigures;
import vn.hailong.http.Invalid;
import vn.hailong.survey.Forms;

/**
 * The admin's side of published results: which units are published for a year, and publish (freeze the figures
 * /indices gives now) or unpublish one unit × year × questionnaire.
 */
public final class PublicationsApi {
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    private final DSLContext dsl;
    private final Forms forms;
    private final Publications publications;

    public PublicationsApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.forms = forms;
        this.publications = new Publications(dsl);
    }

    /** A unit and its publication for the year asked, or null when it is not published. */
    record Row(Publications.Unit unit, Publications.Publication publication) {
    }

    /** The list the admin screen shows: the years it may choose and every unit's state in the year chosen. */
    record Listing(String questionnaire, int year, List<Integer> years, List<Row> units) {
    }

    /** GET /api/v1/publications?year=&questionnaire=: every active unit with its publication for the year. */
    public void list(Context ctx) {
        var questionnaire = questionnaire(ctx);
        int lastFull = Vietnam.today().getYear() - 1;
        int year = year(ctx.queryParam("year"), lastFull);
        var published = publications.of(year, questionnaire);
        var rows = publications.units().stream()
                .map(u -> new Row(u, published.stream().filter(p -> p.unit().id() == u.id()).findFirst().orElse(null)))
                .toList();
        // The last five full years, the current one and every year already published, newest first.
        var years = new ArrayList<Integer>();
        for (int y = lastFull + 1; y >= lastFull - 4; y--) {
            years.add(y);
        }
        publications.years(questionnaire).stream().filter(y -> !years.contains(y)).forEach(years::add);
        years.sort(Comparator.reverseOrder());
        ctx.json(new Listing(questionnaire, year, years, rows));
    }

    /** GET /api/v1/publications/{unit}/{year}: the publication, or 404. */
    public void get(Context ctx) {
        var unit = unit(ctx);
        int year = pathYear(ctx);
        var questionnaire = questionnaire(ctx);
        ctx.json(publications.find(unit.id(), year, questionnaire).orElseThrow(() -> new NotFoundResponse(
                "Unit " + unit.code() + " has no published results for " + year + " (" + questionnaire + ").")));
    }

    /** PUT /api/v1/publications/{unit}/{year}: freezes the unit's figures for the year as they are now. */
    public void put(Context ctx) {
        var unit = unit(ctx);
        int year = pathYear(ctx);
        var questionnaire = questionnaire(ctx);
        if (year > Vietnam.today().getYear()) {
            throw Invalid.field("year", "is in the future: nothing can be published for " + year + " yet");
        }
        var figures = YearFigures.of(dsl, forms, questionnaire, unit.id(), year).orElseThrow(() ->
                Invalid.field("questionnaire", "no published, scored questionnaire '" + questionnaire + "'"));
        if (figures.n() == 0) {
            throw Invalid.field("year", "unit " + unit.code() + " has no ratings in " + year + " to publish");
        }
        ctx.json(publications.publish(principal(ctx).actor(), unit, year, questionnaire, figures));
    }

    /** DELETE /api/v1/publications/{unit}/{year}: withdraws it; 404 when it was not published. */
    public void delete(Context ctx) {
        var unit = unit(ctx);
        int year = pathYear(ctx);
        var questionnaire = questionnaire(ctx);
        if (!publications.unpublish(principal(ctx).actor(), unit, year, questionnaire)) {
            throw new NotFoundResponse("Unit " + unit.code() + " has no published results for " + year + " ("
                    + questionnaire + ").");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private Publications.Unit unit(Context ctx) {
        var code = ctx.pathParam("unit");
        return publications.unit(code).orElseThrow(() -> new NotFoundResponse("No unit with code '" + code + "'."));
    }

    private static int pathYear(Context ctx) {
        return year(ctx.pathParam("year"), null);
    }

    /** A year from 2000 to 2100; 422 naming year otherwise. */
    static int year(String value, Integer fallback) {
        if ((value == null || value.isBlank()) && fallback != null) {
            return fallback;
        }
        try {
            int year = Integer.parseInt(value == null ? "" : value.strip());
            if (year >= FIRST_YEAR && year <= LAST_YEAR) {
                return year;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Invalid.field("year", "must be a year from " + FIRST_YEAR + " to " + LAST_YEAR);
    }

    /** The questionnaire code, SIPAS when none is given; 422 naming questionnaire when it is not a plain code. */
    static String questionnaire(Context ctx) {
        var value = ctx.queryParam("questionnaire");
        if (value == null || value.isBlank()) {
            return "SIPAS";
        }
        var code = value.strip();
        if (code.length() > 50 || !code.matches("[A-Za-z0-9_.-]+")) {
            throw Invalid.field("questionnaire", "must be a questionnaire code such as SIPAS");
        }
        return code;
    }
}
