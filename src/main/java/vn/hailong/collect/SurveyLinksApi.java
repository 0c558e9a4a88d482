package vn.hailong.collect;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.SURVEY_LINK;
import static org.jooq.impl.DSL.noCondition;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.GoneResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.collect.Places.Named;
import vn.hailong.http.Cached;
import vn.hailong.http.Invalid;
import vn.hailong.http.PublicUrl;
import vn.hailong.http.Requests;
import vn.hailong.survey.Forms;

/**
 * HTTP for survey links: made for a place, listed with the ratings each brought, deactivated and reactivated (staff,
 * within their units); read by the survey page and the poster, and opened as /s/{code} (anyone).
 */
public final class SurveyLinksApi {
    /** How long a browser may keep the redirect of /s/{code}. */
    public static final int REDIRECT_FRESH_SECONDS = 2_592_000;
    private final DSLContext dsl;
    private final Forms forms;
    private final Directory directory;
    private final PublicUrl publicUrl;
    private final Places places;
    private final SurveyLinks links;

    public SurveyLinksApi(DSLContext dsl, Forms forms, Directory directory, PublicUrl publicUrl) {
        this.dsl = dsl;
        this.forms = forms;
        this.directory = directory;
        this.publicUrl = publicUrl;
        this.places = new Places(dsl);
        this.links = new SurveyLinks(dsl);
    }

    record LinkRequest(String agency, String service, String centre, String counter, String questionnaire) {
    }

    record LinkChange(Boolean active) {
    }

    /** A link as staff see it: where it leads, its poster and QR codes, what it names and the ratings it brought. */
    record Listed(String code, String url, String path, String poster, String qrSvg, String qrPng, Named agency,
                  Named service, Named centre, Named counter, String questionnaire, OffsetDateTime createdAt,
                  boolean active, long ratings) {
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, LinkRequest.class);
        var caller = principal(ctx);
        var agencyCode = Requests.text("agency", body.agency(), 64);
        var questionnaire = body.questionnaire() == null ? "SIPAS" : body.questionnaire().strip();
        if (forms.latest(questionnaire).isEmpty()) {
            throw Invalid.field("questionnaire", "no published questionnaire has code '" + questionnaire + "'");
        }
        var code = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            // A code of an ended unit (merged, renamed) makes the link of the unit that carries it on.
            var named = vn.hailong.units.UnitHistory.read(tx).named(agencyCode)
                    .filter(u -> caller.scope().covers(tx, u.id()));
            if (named.isEmpty()) {
                throw Invalid.field("agency", "no agency you manage has code '" + agencyCode + "'");
            }
            long agencyId = places.agencyOn(tx, "agency", agencyCode, vn.hailong.Vietnam.today());
            if (!caller.scope().covers(tx, agencyId)) {
                throw Invalid.field("agency", "no agency you manage has code '" + agencyCode + "'");
            }
            Long serviceId = body.service() == null ? null : places.serviceId(tx, body.service())
                    .orElseThrow(() -> Invalid.field("service", "no service has code '" + body.service() + "'"));
            Long centreId = body.centre() == null ? null : places.centreId(tx, body.centre())
                    .orElseThrow(() -> Invalid.field("centre", "no centre has code '" + body.centre() + "'"));
            // Its ratings must be accepted: a rating names an active centre of its agency's province.
            if (centreId != null && !directory.receives(centreId, agencyId)) {
                throw Invalid.field("centre", "centre '" + body.centre() + "' is not an active centre of the province"
                        + " of agency '" + agencyCode + "'");
            }
            Long counterId = null;
            if (body.counter() != null) {
                if (centreId == null) {
                    throw Invalid.field("counter", "needs the centre it belongs to");
                }
                counterId = places.counterId(tx, centreId, body.counter())
                        .orElseThrow(() -> Invalid.field("counter", "the centre has no counter '" + body.counter() + "'"));
            }
            var place = new SurveyLinks.Place(agencyId, serviceId, centreId, counterId, questionnaire);
            return links.activeCode(tx, place).orElseGet(() -> {
                var made = links.insert(tx, place);
                AuditLog.record(tx, caller, "create", "survey_link", made, agencyId, null,
                        links.find(tx, made, noCondition()).orElseThrow());
                return made;
            });
        });
        var url = url(ctx, code);
        ctx.status(HttpStatus.CREATED).json(Map.of("code", code, "path", "/s/" + code, "url", url,
                "qr", "/api/v1/qr?text=" + encode(url)));
    }

    /** The links of the caller's units, newest first, each with the ratings it brought. */
    public void list(Context ctx) {
        var base = publicUrl.of(ctx);
        ctx.json(links.list(principal(ctx).scope().covers(SURVEY_LINK.AGENCY_ID)).stream()
                .map(c -> listed(base, c.link(), c.ratings()))
                .toList());
    }

    /** What the survey page and the poster need; a deactivated link answers 410, so the page can say so. */
    public void get(Context ctx) {
        var code = ctx.pathParam("code");
        // Link codes are 7 characters: a longer one is no link, and is neither looked up nor remembered.
        var link = (code.length() > SubmissionsApi.MAX_LINK_CODE ? Optional.<SurveyLinks.Link>empty()
                : directory.shown(code, () -> links.find(code)))
                .orElseThrow(() -> new NotFoundResponse("No survey link " + code));
        if (!link.active()) {
            throw new GoneResponse("Survey link " + code + " is no longer in use.");
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("link", code);
        answer.put("url", url(ctx, code));
        // A link of an agency that has ended since rates the unit that carries it on, named as it is now; a split
        // unit's link lets the citizen choose among the units it became; a dissolved unit's rates no one.
        var now = directory.current(link.agencyId());
        answer.put("agency", now.filter(Directory.Agency::resolved).map(Directory.Agency::now).orElse(link.agency()));
        answer.put("formerAgency", now.filter(a -> !a.resolved() || a.id() != link.agencyId())
                .map(a -> link.agency()).orElse(null));
        answer.put("successors", now.map(a -> a.successors().stream().map(Places.Served::agency).toList())
                .orElse(java.util.List.of()));
        answer.put("agencyEnded", now.map(a -> !a.resolved() && !a.split()).orElse(false));
        answer.put("service", link.service());
        answer.put("centre", link.centre());
        answer.put("counter", link.counter());
        answer.put("questionnaire", link.questionnaire());
        // Revalidated every time (a link is deactivated, its unit merged, at any moment), but a browser that has
        // this very answer gets 304 and no body; a 404 or 410 is never stored (no-store, as every API answer).
        Cached.json(ctx, answer).send(ctx, "no-cache");
    }

    /** Deactivates or reactivates a link; a link is reactivated only while no other link serves its place. */
    public void update(Context ctx) {
        var code = ctx.pathParam("code");
        var body = Requests.json(ctx, LinkChange.class);
        var caller = principal(ctx);
        var after = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = links.find(tx, code, caller.scope().covers(SURVEY_LINK.AGENCY_ID))
                    .orElseThrow(() -> new NotFoundResponse("No survey link " + code));
            if (body.active() == null) {
                throw Invalid.field("active", "is required: false to take the link out of use, true to use it again");
            }
            if (before.active() == body.active()) {
                return before;
            }
            if (body.active()) {
                links.otherActive(tx, code).ifPresent(other -> {
                    throw new ConflictResponse("Survey link " + other + " now serves the same place; deactivate it"
                            + " before using " + code + " again.");
                });
            }
            links.setActive(tx, code, body.active());
            var changed = links.find(tx, code, noCondition()).orElseThrow();
            AuditLog.record(tx, caller, body.active() ? "reactivate" : "deactivate", "survey_link", code,
                    before.agencyId(), before, changed);
            return changed;
        });
        directory.forget(code); // ratings through it are refused (or accepted again) at once on this server
        ctx.json(listed(publicUrl.of(ctx), after, links.ratings(dsl, code)));
    }

    /** /s/{code}: the short link on posters and receipts, opening the mobile survey. */
    public void open(Context ctx) {
        // Where a code leads never changes (a link taken out of use says so on the survey page), so a browser may
        // keep the redirect for 30 days and go straight to the page on the next scan of the poster.
        ctx.header("Cache-Control", "public, max-age=" + REDIRECT_FRESH_SECONDS);
        ctx.redirect("/survey/#" + encode(ctx.pathParam("code")), HttpStatus.FOUND);
    }

    private String url(Context ctx, String code) {
        return publicUrl.of(ctx) + "/s/" + code;
    }

    private static Listed listed(String base, SurveyLinks.Link link, long ratings) {
        var url = base + "/s/" + link.code();
        return new Listed(link.code(), url, "/s/" + link.code(), "/poster/#" + link.code(),
                "/api/v1/qr?format=svg&text=" + encode(url), "/api/v1/qr?format=png&text=" + encode(url),
                link.agency(), link.service(), link.centre(), link.counter(), link.questionnaire(), link.createdAt(),
                link.active(), ratings);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
