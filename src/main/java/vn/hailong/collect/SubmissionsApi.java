package vn.hailong.collect;


import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.JSONB;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import vn.hailong.auth.AccessControl;
import vn.hailong.auth.ClientHash;
import vn.hailong.auth.Principal;
import vn.hailong.auth.Tokens;
import vn.hailong.http.Invalid;
import vn.hailong.http.Invalid.FieldError;
import vn.hailong.http.Requests;
import vn.hailong.survey.Forms;

/** POST /api/v1/responses: checks a rating field by field, then stores it exactly once. */
public final class SubmissionsApi {
    static final int MAX_COMMENT = 2000;
    /** Link codes are 7 characters; anything much longer is not one, and is not looked up. */
    static final int MAX_LINK_CODE = 64;
    static final Set<String> CHANNELS = Set.of("kiosk", "qr", "web", "interview");
    static final Set<String> SEXES = Set.of("female", "male", "other");
    static final Set<String> AGE_BANDS = Set.of("under-18", "18-29", "30-44", "45-59", "60+");
    /** How far back an offline kiosk's queued rating may be dated, and how far ahead a client clock may run. */
    static final Duration OLDEST = Duration.ofDays(90);
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    private static final ObjectMapper canonical = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Directory directory;
    private final Forms forms;
    private final Submissions submissions;
    private final RateLimiter clientLimit;
    private final RateLimiter deviceLimit;
    private final ClientHash clients;
    private final QualityFlags flags;
    private final Clock clock;

    /** {@code clock} says what "now" is for the checks of submittedAt (too old, in the future). */
    public SubmissionsApi(Directory directory, Forms forms, Submissions submissions, RateLimiter clientLimit,
                          RateLimiter deviceLimit, ClientHash clients, QualityFlags flags, Clock clock) {
        this.clock = clock;
        this.directory = directory;
        this.forms = forms;
        this.submissions = submissions;
        this.clientLimit = clientLimit;
        this.deviceLimit = deviceLimit;
        this.clients = clients;
        this.flags = flags;
    }

    public void submit(Context ctx) {
        var caller = AccessControl.optionalPrincipal(ctx);
        var device = caller.filter(p -> p.kind() == Principal.Kind.DEVICE);
        long wait = device.isPresent() ? deviceLimit.acquire("device:" + device.get().id())
                : clientLimit.acquire("client:" + clients.of(ctx));
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(),
                    "Too many ratings from here; try again in " + wait + " seconds.", Map.of());
        }
        var submission = Requests.json(ctx, Submission.class);
        var checked = check(submission, caller.orElse(null));
        var outcome = submissions.store(checked);
        if (outcome instanceof Submissions.Created created) {
            var receipt = created.receipt();
            ctx.status(HttpStatus.CREATED).json(receipt.withFollowUp(openedCase(checked)));
        } else if (outcome instanceof Submissions.Replayed replayed) {
            var receipt = replayed.receipt();
            ctx.status(HttpStatus.OK).json(receipt.withFollowUp(openedCase(checked)));
        } else if (outcome instanceof Submissions.Clash clash) {
            throw new ConflictResponse(clash.message());
        }
    }

    /**
     * Whether the stored rating opened a follow-up case (sql/V12). Only a rating that says why (a comment, or an
     * answered reason) can have: for the others, most ratings, the database is not asked.
     */
    private boolean openedCase(Submissions.Checked checked) {
        boolean saysWhy = checked.comment() != null || forms.published(checked.versionId())
                .map(form -> form.questions().values().stream().anyMatch(q -> q.kind().equals("reason")
                        && checked.answers()[q.position() - 1] != null))
                .orElse(false);
        return saysWhy && submissions.openedCase(checked.submissionId());
    }

    /** Every field checked and resolved; all problems reported together as one 422. */
    Submissions.Checked check(Submission s, Principal caller) {
        var errors = new ArrayList<FieldError>();
        if (s.submissionId() == null) {
            errors.add(new FieldError("submissionId", "required", "is required: a UUID the client makes for this rating"));
        }
        var channel = s.channel();
        if (channel == null || !CHANNELS.contains(channel)) {
            errors.add(new FieldError("channel", "unknown", "must be one of " + CHANNELS));
        } else if (channel.equals("kiosk") != (caller != null && caller.kind() == Principal.Kind.DEVICE)) {
            errors.add(new FieldError("channel", "not_allowed", channel.equals("kiosk")
                    ? "only an enrolled kiosk may submit with channel kiosk" : "a kiosk submits with channel kiosk"));
        } else if (channel.equals("interview") && (caller == null || !caller.interviews())) {
            errors.add(new FieldError("channel", "not_allowed", "interviews are entered by an interviewer (or an admin) signed in,"
                    + " or with an API key of scope interviews"));
        }
        Long agencyId = null;
        if (s.agency() == null || s.agency().isBlank()) {
            errors.add(new FieldError("agency", "required", "is required: the code of the agency rated"));
        } else {
            // A code of an ended unit names the unit that carries it on (merge, rename); a split or dissolved
            // unit's names none: the rating must name the agency that decided the dossier.
            var agency = directory.agency(s.agency().strip()).orElse(null);
            if (agency == null) {
                errors.add(new FieldError("agency", "unknown", "no active agency has code '" + s.agency() + "'"));
            } else if (!agency.resolved()) {
                errors.add(new FieldError("agency", agency.split() ? "split" : "ended", agency.problem()));
            } else {
                agencyId = agency.id();
            }
        }
        boolean kiosk = caller != null && caller.kind() == Principal.Kind.DEVICE;
        // An interview, or a dossier named by its code, is entered for one of the caller's own units.
        boolean entered = "interview".equals(channel) || s.dossierCode() != null && s.invitation() == null;
        if (entered && agencyId != null && caller != null && caller.interviews()
                && !directory.within(caller.scope(), agencyId)) {
            errors.add(new FieldError("agency", "not_yours", "is not one of your units"));
        }
        Long serviceId = null;
        String stratum = null;
        if (s.service() != null && !s.service().isBlank()) {
            var service = directory.service(s.service().strip());
            if (service.isEmpty()) {
                errors.add(new FieldError("service", "unknown", "no active service has code '" + s.service() + "'"));
            } else {
                serviceId = service.get().id();
                stratum = service.get().field();
            }
        }
        Long centreId = caller != null && caller.kind() == Principal.Kind.DEVICE ? caller.centreId() : null;
        if (s.centre() != null && !s.centre().isBlank()) {
            var named = directory.centre(s.centre().strip()).orElse(null);
            if (named == null) {
                errors.add(new FieldError("centre", "unknown", "no centre has code '" + s.centre() + "'"));
            } else if (centreId != null && !centreId.equals(named)) {
                errors.add(new FieldError("centre", "other_centre", "this kiosk belongs to another centre"));
            } else {
                centreId = named;
            }
        }
        // A kiosk offers the agencies its centre serves; a rating sent otherwise (API, invitation, link) may name
        // any active centre of the agency's province as the centre that received the dossier.
        if (kiosk && centreId != null && agencyId != null && !directory.serves(centreId, agencyId)) {
            errors.add(new FieldError("agency", "not_served",
                    "this kiosk's centre does not serve agency '" + s.agency() + "'"));
        } else if (!kiosk && centreId != null && agencyId != null && !directory.receives(centreId, agencyId)) {
            errors.add(new FieldError("centre", "other_province", "centre '" + s.centre() + "' is not an active"
                    + " centre of the province of agency '" + s.agency() + "': name the centre that received the dossier"));
        }
        bind(s, caller, agencyId, serviceId, errors);
        Long counterId = null;
        if (s.counter() != null && !s.counter().isBlank()) {
            if (centreId == null) {
                errors.add(new FieldError("counter", "needs_centre", "needs the centre it belongs to"));
            } else {
                counterId = directory.counter(centreId, s.counter().strip()).orElse(null);
                if (counterId == null) {
                    errors.add(new FieldError("counter", "unknown", "the centre has no counter '" + s.counter() + "'"));
                }
            }
        }
        var surveyLinkId = link(s, agencyId, serviceId, centreId, counterId, errors);
        Forms.Form form = null;
        if (s.questionnaire() == null || s.version() == null) {
            errors.add(new FieldError(s.questionnaire() == null ? "questionnaire" : "version", "required",
                    "is required: the questionnaire code and version the answers follow"));
        } else {
            var versionId = directory.version(s.questionnaire(), s.version());
            if (versionId.isEmpty()) {
                errors.add(new FieldError("version", "unknown", "questionnaire " + s.questionnaire() + " has no version " + s.version()));
            } else {
                form = forms.published(versionId.get()).orElse(null);
                if (form == null) {
                    errors.add(new FieldError("version", "not_published", "version " + s.version() + " of " + s.questionnaire()
                            + " is not published"));
                }
            }
        }
        boolean incomplete = Boolean.TRUE.equals(s.incomplete());
        if (incomplete && !kiosk) {
            errors.add(new FieldError("incomplete", "not_allowed", "only a kiosk sends a rating its citizen left unfinished"));
        }
        Short[] answers = form == null ? null : answers(form, s.answers(), incomplete, errors);
        if (s.comment() != null && s.comment().length() > MAX_COMMENT) {
            errors.add(new FieldError("comment", "too_long", "is longer than " + MAX_COMMENT + " characters"));
        }
        if (s.dossierCode() != null && (s.dossierCode().isBlank() || s.dossierCode().length() > 100)) {
            errors.add(new FieldError("dossierCode", "bad_length", "must be 1 to 100 characters"));
        }
        var profile = profile(s.profile(), errors);
        var now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
        var submittedAt = now;
        if (s.submittedAt() != null) {
            if (s.submittedAt().isAfter(now.plus(CLOCK_SKEW))) {
                errors.add(new FieldError("submittedAt", "in_future", "is in the future; check the device's clock"));
            } else if (s.submittedAt().isBefore(now.minus(OLDEST))) {
                errors.add(new FieldError("submittedAt", "too_old", "is more than " + OLDEST.toDays() + " days ago"));
            } else {
                // An offline kiosk's rating belongs to the day it was given, not the day it arrived.
                submittedAt = s.submittedAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            }
        }
        if (!errors.isEmpty()) {
            throw Invalid.fields(errors);
        }
        var deviceId = caller != null && caller.kind() == Principal.Kind.DEVICE ? caller.id() : null;
        var qualityFlags = flags.of(form, answers, deviceId, submittedAt);
        return new Submissions.Checked(s.submissionId(), contentHash(s), agencyId, form.versionId(), serviceId, centreId,
                counterId, channel, stratum, answers, profile, blankToNull(s.comment()),
                blankToNull(s.dossierCode()), blankToNull(s.invitation()), surveyLinkId, deviceId,
                submittedAt, utc(s.startedAt()), utc(s.submittedAt()), qualityFlags);
    }

    /**
     * Only an invitation binds a rating to a dossier, and to the agency and service it was issued for; a dossier
     * code on its own (dossier codes are easy to guess) is accepted only from those who enter interviews.
     */
    private void bind(Submission s, Principal caller, Long agencyId, Long serviceId, List<FieldError> errors) {
        if (s.invitation() != null && !s.invitation().isBlank()) {
            var binding = directory.invitation(s.invitation().strip()).orElse(null);
            if (binding == null) {
                return; // refused as an invalid link where it is stored, as before
            }
            if (agencyId != null && !bound(binding.agencyId(), agencyId)) {
                errors.add(new FieldError("agency", "not_invited", "the invitation was issued for another agency"));
            }
            if (binding.serviceId() != null && !binding.serviceId().equals(serviceId)) {
                errors.add(new FieldError("service", "not_invited", "the invitation was issued for another service"));
            }
            if (s.dossierCode() != null && !s.dossierCode().strip().equals(binding.dossierCode())) {
                errors.add(new FieldError("dossierCode", "not_invited", "the invitation was issued for another dossier"));
            }
        } else if (s.dossierCode() != null && (caller == null || !caller.interviews())) {
            errors.add(new FieldError("dossierCode", "needs_invitation", "a dossier is rated through the link of its invitation: send"
                    + " invitation instead (a dossier code alone is taken only from those who enter interviews)"));
        }
    }

    /**
     * The survey link a rating came through, counted as one of its ratings: a link in use, whose agency (and procedure,
     * centre and counter, when it names them) the rating must be about, as an invitation binds its own.
     */
    private Long link(Submission s, Long agencyId, Long serviceId, Long centreId, Long counterId,
                      List<FieldError> errors) {
        if (s.link() == null || s.link().isBlank()) {
            return null;
        }
        var code = s.link().strip();
        var link = code.length() > MAX_LINK_CODE ? null : directory.link(code).orElse(null);
        if (link == null) {
            errors.add(new FieldError("link", "unknown", "is not the code of a survey link"));
            return null;
        }
        if (!link.active()) {
            errors.add(new FieldError("link", "not_in_use", "survey link '" + code + "' is no longer in use"));
            return null;
        }
        if (agencyId != null && !bound(link.agencyId(), agencyId)) {
            errors.add(new FieldError("agency", "not_linked", "the survey link is for another agency"));
        }
        bound(link.serviceId(), serviceId, s.service(), "service", errors);
        bound(link.centreId(), centreId, s.centre(), "centre", errors);
        bound(link.counterId(), counterId, s.counter(), "counter", errors);
        return link.id();
    }

    /**
     * Whether a rating of {@code agencyId} fits a link or an invitation made for {@code madeFor}: the same agency, or,
     * when that one has ended, the unit that carries it on, or one of those a split unit became.
     */
    private boolean bound(long madeFor, long agencyId) {
        return madeFor == agencyId || directory.current(madeFor).map(a -> a.admits(agencyId)).orElse(false);
    }

    /** A part the link names must be the rating's; one the rating names but is unknown has its own error already. */
    private static void bound(Long linked, Long rated, String given, String field, List<FieldError> errors) {
        if (linked == null || linked.equals(rated)) {
            return;
        }
        if (rated != null) {
            errors.add(new FieldError(field, "not_linked", "the survey link is for another " + field));
        } else if (given == null || given.isBlank()) {
            errors.add(new FieldError(field, "required", "is required: the survey link names one"));
        }
    }

    /**
     * The answers in the version's order; each unknown code, bad level or missing answer is an error. An incomplete
     * rating needs only its overall question: what its citizen left unanswered is left out, as not applicable is.
     */
    static Short[] answers(Forms.Form form, Map<String, Integer> given, boolean incomplete, List<FieldError> errors) {
        var answers = new Short[form.size()];
        if (given == null) {
            errors.add(new FieldError("answers", "required", "is required: an object from indicator code to level (null for N/A)"));
            return answers;
        }
        for (var entry : given.entrySet()) {
            var question = form.questions().get(entry.getKey());
            var field = "answers." + entry.getKey();
            if (question == null) {
                errors.add(new FieldError(field, "unknown", "is not a question of " + form.questionnaire() + " version " + form.version()));
                continue;
            }
            var level = entry.getValue();
            if (level == null) {
                if (!question.allowsNa()) {
                    errors.add(new FieldError(field, "na_not_offered", "needs an answer; not applicable is not offered here"));
                }
                continue;
            }
            if (level < 1 || level > question.levels()) {
                errors.add(new FieldError(field, "out_of_range", "must be a level from 1 to " + question.levels() + ", not " + level));
                continue;
            }
            answers[question.position() - 1] = level.shortValue();
        }
        for (var question : form.questions().values()) {
            var field = "answers." + question.code();
            boolean present = given.containsKey(question.code());
            if (question.required() && !present && (!incomplete || question.kind().equals("overall"))) {
                errors.add(new FieldError(field, "required", "is required"));
            }
            if (question.requiredIfCode() != null && !present && !incomplete) {
                var trigger = form.questions().get(question.requiredIfCode());
                var triggerLevel = trigger == null ? null : answers[trigger.position() - 1];
                if (triggerLevel != null && question.requiredIfLevels().contains(triggerLevel.intValue())) {
                    errors.add(new FieldError(field, "required", "is required when " + question.requiredIfCode() + " is " + triggerLevel));
                }
            }
        }
        return answers;
    }

    private static JSONB profile(Submission.Profile p, List<FieldError> errors) {
        if (p == null) {
            return null;
        }
        var values = new HashMap<String, String>();
        if (p.sex() != null) {
            if (SEXES.contains(p.sex())) {
                values.put("sex", p.sex());
            } else {
                errors.add(new FieldError("profile.sex", "unknown", "must be one of " + SEXES));
            }
        }
        if (p.ageBand() != null) {
            if (AGE_BANDS.contains(p.ageBand())) {
                values.put("ageBand", p.ageBand());
            } else {
                errors.add(new FieldError("profile.ageBand", "unknown", "must be one of " + AGE_BANDS));
            }
        }
        for (var entry : Map.of("education", p.education() == null ? "" : p.education(),
                "occupation", p.occupation() == null ? "" : p.occupation()).entrySet()) {
            if (entry.getValue().length() > 64) {
                errors.add(new FieldError("profile." + entry.getKey(), "too_long", "is longer than 64 characters"));
            } else if (!entry.getValue().isBlank()) {
                values.put(entry.getKey(), entry.getValue().strip());
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        try {
            return JSONB.valueOf(canonical.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same rating sent again hashes the same, whatever the order of its fields. */
    static String contentHash(Submission s) {
        try {
            return Tokens.hash(canonical.writeValueAsString(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
