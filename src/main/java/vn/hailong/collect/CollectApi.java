package vn.hailong.collect;

import static vn.hailong.auth.AccessControl.principal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.Vietnam;
import vn.hailong.audit.AuditLog;
import vn.hailong.auth.Principal;
import vn.hailong.dossiers.DossierFacts;
import vn.hailong.http.Cached;
import vn.hailong.http.Invalid;
import vn.hailong.http.PublicUrl;
import vn.hailong.http.Requests;
import vn.hailong.survey.Forms;
import vn.hailong.survey.Questionnaires;

/** HTTP for what citizens open: forms, dossier invitations, and a kiosk's set-up (survey links: SurveyLinksApi). */
public final class CollectApi {
    /** How long a browser may keep a form without asking again (GET /api/v1/forms/{questionnaire}). */
    public static final int FORM_FRESH_SECONDS = 600;
    private final DSLContext dsl;
    /** Each published version's answer, by version id: made on first request, then sent from memory. */
    private final Map<Long, Cached> publishedForms = new java.util.concurrent.ConcurrentHashMap<>();
    private final Forms forms;
    private final Places places;
    private final Questionnaires questionnaires;
    private final PublicUrl publicUrl;
    private final Directory directory;

    public CollectApi(DSLContext dsl, Forms forms, PublicUrl publicUrl, Directory directory) {
        this.dsl = dsl;
        this.directory = directory;
        this.forms = forms;
        this.publicUrl = publicUrl;
        this.places = new Places(dsl);
        this.questionnaires = new Questionnaires(dsl);
    }

    /**
     * An invitation for a dossier; the dossier system may send its facts with it (receivedOn and what it knows
     * then), stored as the dossier's row, and where and how the link reaches the citizen (centre, channel).
     */
    record InvitationRequest(String dossierCode, String agency, String service, String centre, String channel,
                             LocalDate receivedOn, LocalDate dueOn, LocalDate returnedOn, Boolean onTime,
                             Boolean complained) {
        boolean hasFacts() {
            return receivedOn != null || dueOn != null || returnedOn != null || onTime != null || complained != null;
        }
    }

    /** The newest published version of a questionnaire, with its scales, for a form to render. */
    public void form(Context ctx) {
        var code = ctx.pathParam("questionnaire");
        var form = forms.latest(code).orElseThrow(() -> new NotFoundResponse("No published questionnaire " + code));
        // A published version never changes: its JSON and gzip are made once and kept; the ETag is their digest.
        // Revalidated after FORM_FRESH_SECONDS, because this address shows the newest version (an older one is
        // still accepted with a rating, so a browser keeping it a few minutes after a new one is published is fine).
        publishedForms.computeIfAbsent(form.versionId(), id -> Cached.json(ctx, view(form)))
                .send(ctx, "public, max-age=" + FORM_FRESH_SECONDS);
    }

    /** /d/{token}: a dossier's single-use link; the token travels in the fragment, out of logs and referrers. */
    public void openInvitation(Context ctx) {
        ctx.redirect("/dossier/#" + encode(ctx.pathParam("token")), HttpStatus.FOUND);
    }

    public void invite(Context ctx) {
        var body = Requests.json(ctx, InvitationRequest.class);
        var dossier = Requests.text("dossierCode", body.dossierCode(), 100);
        var agencyCode = Requests.text("agency", body.agency(), 64);
        var caller = principal(ctx);
        var invitation = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            // An old code names the unit valid when the dossier was received (or today): itself, or its successor.
            var day = body.receivedOn() != null && !body.receivedOn().isAfter(Vietnam.today()) ? body.receivedOn()
                    : Vietnam.today();
            long agencyId = places.agencyOn(tx, "agency", agencyCode, day);
            Long serviceId = body.service() == null ? null : places.serviceId(tx, body.service())
                    .orElseThrow(() -> Invalid.field("service", "no service has code '" + body.service() + "'"));
            var centreCode = Requests.optionalText("centre", body.centre(), 64);
            Long centreId = centreCode == null ? null : places.centreId(tx, centreCode)
                    .orElseThrow(() -> Invalid.field("centre", "no service centre has code '" + centreCode + "'"));
            var channel = Requests.optionalText("channel", body.channel(), 32);
            if (channel != null && !places.channelExists(tx, channel)) {
                throw Invalid.field("channel", "no channel has code '" + channel + "'");
            }
            if (body.hasFacts()) {
                storeFacts(tx, caller, body, new DossierFacts.Dossier(agencyId, dossier, serviceId, centreId,
                        body.receivedOn(), body.dueOn(), body.returnedOn(), body.onTime(),
                        Boolean.TRUE.equals(body.complained())));
            }
            return places.invite(tx, agencyId, serviceId, dossier, centreId, channel,
                    caller.kind() == Principal.Kind.API_KEY ? caller.id() : null);
        });
        if (invitation.usedAt() != null) {
            throw new ConflictResponse("Dossier " + dossier + " has already been rated.");
        }
        var url = publicUrl.of(ctx) + "/d/" + invitation.token();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("dossierCode", dossier);
        answer.put("url", url);
        answer.put("path", "/d/" + invitation.token());
        answer.put("qrSvg", "/api/v1/qr?format=svg&text=" + encode(url));
        answer.put("qrPng", "/api/v1/qr?format=png&text=" + encode(url));
        ctx.status(HttpStatus.CREATED).json(answer);
    }

    /** The dossier's row, in the invitation's transaction; 422 naming every field at fault. */
    private static void storeFacts(DSLContext tx, Principal caller, InvitationRequest body, DossierFacts.Dossier dossier) {
        var errors = new ArrayList<Invalid.FieldError>();
        if (body.receivedOn() == null) {
            errors.add(new Invalid.FieldError("receivedOn", "required", "is required with the dossier's facts"));
        }
        var tomorrow = Vietnam.today().plusDays(1);
        inRange(errors, "receivedOn", body.receivedOn(), tomorrow);
        inRange(errors, "dueOn", body.dueOn(), LocalDate.of(2099, 12, 31));
        inRange(errors, "returnedOn", body.returnedOn(), tomorrow);
        DossierFacts.inconsistencies(body.receivedOn(), body.dueOn(), body.returnedOn(), body.onTime())
                .forEach(f -> errors.add(new Invalid.FieldError(f.field(), f.message())));
        if (!errors.isEmpty()) {
            throw Invalid.fields(errors);
        }
        if (DossierFacts.store(tx, List.of(dossier)) > 0) {
            AuditLog.record(tx, caller, "put", "dossier", dossier.dossierCode(), dossier.agencyId(), null, dossier);
        }
    }

    private static void inRange(List<Invalid.FieldError> errors, String field, LocalDate date, LocalDate last) {
        if (date != null && (date.getYear() < 2000 || date.isAfter(last))) {
            errors.add(new Invalid.FieldError(field, "must be a date from 2000-01-01 to " + last));
        }
    }

    public void invitation(Context ctx) {
        var token = ctx.pathParam("token");
        var invitation = places.invitation(dsl, token).orElseThrow(() -> new NotFoundResponse("This rating link is not valid."));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("dossierCode", invitation.dossierCode());
        // An agency that has ended since is shown as the one that carries it on; a split one as its successors.
        var now = invitation.agency() == null ? Optional.<Directory.Agency>empty()
                : directory.agency(invitation.agency().code());
        answer.put("agency", now.filter(Directory.Agency::resolved).map(Directory.Agency::now)
                .orElse(invitation.agency()));
        answer.put("successors", now.map(a -> a.successors().stream().map(Places.Served::agency).toList())
                .orElse(List.of()));
        answer.put("agencyEnded", now.map(a -> !a.resolved() && !a.split()).orElse(false));
        answer.put("service", invitation.service());
        answer.put("rated", invitation.usedAt() != null);
        answer.put("ratedAt", invitation.usedAt());
        ctx.json(answer);
    }

    /** A kiosk's set-up: its centre, the agencies and counters there, and the form it shows. */
    public void kioskConfig(Context ctx) {
        var device = principal(ctx);
        long centreId = device.centreId();
        var questionnaire = places.kioskQuestionnaire(centreId);
        var form = forms.latest(questionnaire).or(() -> forms.latest("KIOSK"))
                .orElseThrow(() -> new NotFoundResponse("No published kiosk questionnaire"));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("device", Map.of("id", device.id(), "name", device.name()));
        answer.put("centre", places.centre(centreId));
        answer.put("agencies", places.agenciesServedBy(centreId));
        answer.put("counters", places.counters(centreId));
        answer.put("form", view(form));
        ctx.json(answer);
    }

    private Map<String, Object> view(Forms.Form form) {
        var scales = new LinkedHashMap<String, Object>();
        var used = form.questions().values().stream().map(Forms.Question::scale).distinct().toList();
        questionnaires.scales().stream().filter(s -> used.contains(s.code())).forEach(s -> scales.put(s.code(), s));
        var version = questionnaires.version(dsl, form.versionId()).orElseThrow();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("questionnaire", form.questionnaire());
        answer.put("version", form.version());
        answer.put("methodology", form.methodology());
        answer.put("titleVi", form.titleVi());
        answer.put("titleEn", form.titleEn());
        answer.put("introVi", form.introVi());
        answer.put("introEn", form.introEn());
        answer.put("elements", version.content().elements());
        answer.put("questions", form.questions().values());
        answer.put("scales", scales);
        return answer;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
