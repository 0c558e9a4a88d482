package vn.hailong.survey;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.SCALE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;
import vn.hailong.survey.Questionnaires.Content;
import vn.hailong.survey.Templates.Criterion;
import vn.hailong.survey.Templates.Element;

/** HTTP for questionnaires: start from a preset, edit a draft, publish an immutable version. */
public final class QuestionnairesApi {
    private final DSLContext dsl;
    private final Questionnaires questionnaires;

    public QuestionnairesApi(DSLContext dsl) {
        this.dsl = dsl;
        this.questionnaires = new Questionnaires(dsl);
    }

    record NewQuestionnaire(String code, String nameVi, String nameEn, String preset) {
    }

    /** What publishing changed for comparability: indicator codes kept, added and dropped. */
    record Comparability(Integer previousVersion, List<String> kept, List<String> added, List<String> dropped) {
    }

    public void list(Context ctx) {
        ctx.json(questionnaires.list());
    }

    public void presets(Context ctx) {
        ctx.json(Templates.PRESETS.stream()
                .map(p -> Map.of("code", p.code(), "methodology", p.methodology(), "nameVi", p.nameVi(),
                        "nameEn", p.nameEn(), "criteria", p.criteria().size()))
                .toList());
    }

    public void scales(Context ctx) {
        ctx.json(questionnaires.scales());
    }

    public void get(Context ctx) {
        long id = Requests.id(ctx, "id");
        ctx.json(questionnaires.summary(dsl, id).orElseThrow(() -> new NotFoundResponse("No such questionnaire: " + id)));
    }

    public void version(Context ctx) {
        long id = Requests.id(ctx, "id");
        ctx.json(questionnaires.version(dsl, id).orElseThrow(() -> new NotFoundResponse("No such version: " + id)));
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, NewQuestionnaire.class);
        var code = Requests.text("code", body.code(), 64);
        if (!code.matches("[A-Za-z0-9_.-]+")) {
            throw Invalid.field("code", "may hold only letters, digits, '_', '.' and '-'");
        }
        var presetCode = Requests.text("preset", body.preset(), 64);
        var preset = Templates.PRESETS.stream().filter(p -> p.code().equals(presetCode)).findFirst()
                .orElseThrow(() -> Invalid.field("preset", "unknown preset '" + presetCode + "'; choose one of "
                        + Templates.PRESETS.stream().map(Templates.Questionnaire::code).toList()));
        var nameVi = Requests.text("nameVi", body.nameVi(), 300);
        var nameEn = body.nameEn() == null ? nameVi : Requests.text("nameEn", body.nameEn(), 300);
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            if (questionnaires.idByCode(tx, code).isPresent()) {
                throw new ConflictResponse("A questionnaire with code '" + code + "' already exists.");
            }
            long id = questionnaires.createQuestionnaire(tx, code, nameVi, nameEn, preset.methodology());
            questionnaires.createDraft(tx, id, new Content(preset.titleVi(), preset.titleEn(), preset.introVi(),
                    preset.introEn(), preset.elements(), preset.criteria()));
            var summary = questionnaires.summary(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "questionnaire", id, null, null,
                    Map.of("code", code, "preset", presetCode));
            return summary;
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    /** A new draft copied from the newest version; one draft at a time. */
    public void createDraft(Context ctx) {
        long id = Requests.id(ctx, "id");
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var summary = questionnaires.summary(tx, id).orElseThrow(() -> new NotFoundResponse("No such questionnaire: " + id));
            if (questionnaires.draft(tx, id).isPresent()) {
                throw new ConflictResponse("This questionnaire already has a draft; edit or delete it first.");
            }
            var newest = summary.versions().get(summary.versions().size() - 1);
            var content = questionnaires.version(tx, newest.id()).orElseThrow().content();
            long versionId = questionnaires.createDraft(tx, id, content);
            AuditLog.record(tx, principal(ctx), "create", "questionnaire_version", versionId, null, null,
                    Map.of("questionnaire", summary.code(), "copiedFrom", newest.version()));
            return questionnaires.version(tx, versionId).orElseThrow();
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    public void updateDraft(Context ctx) {
        long id = Requests.id(ctx, "id");
        var content = valid(Requests.json(ctx, Content.class));
        var updated = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = draftOrConflict(tx, id);
            checkScales(tx, content);
            questionnaires.replaceDraft(tx, id, content);
            var after = questionnaires.version(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "update", "questionnaire_version", id, null, before.content(),
                    after.content());
            return after;
        });
        ctx.json(updated);
    }

    public void publish(Context ctx) {
        long id = Requests.id(ctx, "id");
        var report = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var draft = draftOrConflict(tx, id);
            valid(draft.content());
            var previous = questionnaires.latestPublished(tx, draft.questionnaireId())
                    .flatMap(v -> questionnaires.version(tx, v));
            questionnaires.publish(tx, id);
            var comparability = comparability(previous.orElse(null), draft);
            AuditLog.record(tx, principal(ctx), "publish", "questionnaire_version", id, null, null,
                    Map.of("questionnaire", draft.questionnaire(), "version", draft.version(),
                            "comparability", comparability));
            return Map.of("version", questionnaires.version(tx, id).orElseThrow(), "comparability", comparability);
        });
        ctx.json(report);
    }

    public void deleteDraft(Context ctx) {
        long id = Requests.id(ctx, "id");
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            var draft = draftOrConflict(tx, id);
            questionnaires.deleteDraft(tx, id);
            AuditLog.record(tx, principal(ctx), "delete", "questionnaire_version", id, null, draft.content(), null);
        });
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private Questionnaires.Version draftOrConflict(DSLContext tx, long id) {
        var version = questionnaires.version(tx, id).orElseThrow(() -> new NotFoundResponse("No such version: " + id));
        if (!version.status().equals("draft")) {
            throw new ConflictResponse("Version " + version.version() + " is published and cannot change;"
                    + " create a new draft instead.");
        }
        return version;
    }

    private static Comparability comparability(Questionnaires.Version previous, Questionnaires.Version draft) {
        var now = new LinkedHashSet<String>();
        draft.content().criteria().forEach(c -> now.add(c.code()));
        if (previous == null) {
            return new Comparability(null, List.of(), List.copyOf(now), List.of());
        }
        var before = new LinkedHashSet<String>();
        previous.content().criteria().forEach(c -> before.add(c.code()));
        return new Comparability(previous.version(),
                now.stream().filter(before::contains).toList(),
                now.stream().filter(c -> !before.contains(c)).toList(),
                before.stream().filter(c -> !now.contains(c)).toList());
    }

    /** Checks a version's content; each problem names its field, e.g. criteria[3].element. */
    static Content valid(Content c) {
        var titleVi = Requests.text("titleVi", c.titleVi(), 500);
        var titleEn = Requests.text("titleEn", c.titleEn(), 500);
        var elements = c.elements() == null ? List.<Element>of() : c.elements();
        var criteria = c.criteria() == null ? List.<Criterion>of() : c.criteria();
        var elementCodes = new HashSet<String>();
        var cleanElements = new ArrayList<Element>();
        for (int i = 0; i < elements.size(); i++) {
            var e = elements.get(i);
            var field = "elements[" + i + "]";
            if (e == null) {
                throw Invalid.field(field, "is empty");
            }
            var code = Requests.text(field + ".code", e.code(), 32);
            if (!elementCodes.add(code)) {
                throw Invalid.field(field + ".code", "'" + code + "' is used twice");
            }
            if (e.weight() != null && !(e.weight() > 0 && e.weight() <= 1000)) {
                throw Invalid.field(field + ".weight", "must be a positive number");
            }
            cleanElements.add(new Element(code, Requests.text(field + ".nameVi", e.nameVi(), 300),
                    Requests.text(field + ".nameEn", e.nameEn(), 300), e.weight()));
        }
        if (criteria.isEmpty()) {
            throw Invalid.field("criteria", "a questionnaire needs at least one question");
        }
        var codes = new HashSet<String>();
        var cleanCriteria = new ArrayList<Criterion>();
        for (int i = 0; i < criteria.size(); i++) {
            var q = criteria.get(i);
            var field = "criteria[" + i + "]";
            if (q == null) {
                throw Invalid.field(field, "is empty");
            }
            var code = Requests.text(field + ".code", q.code(), 32);
            if (!code.matches("[A-Za-z0-9_]+")) {
                throw Invalid.field(field + ".code", "may hold only letters, digits and '_'");
            }
            if (!codes.add(code)) {
                throw Invalid.field(field + ".code", "indicator code '" + code + "' is used twice");
            }
            var kind = Requests.text(field + ".kind", q.kind(), 32);
            if (!Templates.KINDS.contains(kind)) {
                throw Invalid.field(field + ".kind", "must be one of " + Templates.KINDS);
            }
            var element = q.element() == null || q.element().isBlank() ? null : q.element().strip();
            if (element != null && !elementCodes.contains(element)) {
                throw Invalid.field(field + ".element", "no element has code '" + element + "'");
            }
            if (kind.equals("rating") && element == null) {
                throw Invalid.field(field + ".element", "a rating question belongs to an element");
            }
            if (q.requiredIfCode() != null && !codes.contains(q.requiredIfCode())) {
                throw Invalid.field(field + ".requiredIfCode", "must name an earlier question");
            }
            cleanCriteria.add(new Criterion(code, kind, element, Requests.text(field + ".scale", q.scale(), 32),
                    Requests.text(field + ".textVi", q.textVi(), 1000), Requests.text(field + ".textEn", q.textEn(), 1000),
                    q.required(), q.allowsNa(), q.requiredIfCode(), q.requiredIfLevels()));
        }
        return new Content(titleVi, titleEn, Requests.optionalText("introVi", c.introVi(), 2000),
                Requests.optionalText("introEn", c.introEn(), 2000), cleanElements, cleanCriteria);
    }

    private static void checkScales(DSLContext tx, Content content) {
        var known = new HashSet<>(tx.select(SCALE.CODE).from(SCALE).fetch(SCALE.CODE));
        for (int i = 0; i < content.criteria().size(); i++) {
            var scale = content.criteria().get(i).scale();
            if (!known.contains(scale)) {
                throw Invalid.field("criteria[" + i + "].scale", "unknown scale '" + scale + "'");
            }
        }
    }
}
