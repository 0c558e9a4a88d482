package vn.hailong.survey;

import static vn.hailong.db.schema.Tables.CRITERION;
import static vn.hailong.db.schema.Tables.ELEMENT;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.SCALE;
import static vn.hailong.db.schema.Tables.SCALE_LEVEL;
import static org.jooq.impl.DSL.count;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jooq.DSLContext;

import vn.hailong.stats.Element;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Methodology;
import vn.hailong.stats.Response;

/**
 * Published questionnaire versions as the collection and statistics code use them: the questions with
 * their scales, and the statistics core's {@link Instrument} with the map from answer positions to it.
 * A published version never changes, so each is read once and kept.
 */
public final class Forms {
    private final DSLContext dsl;
    private final Map<Long, Form> published = new ConcurrentHashMap<>();

    public Forms(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One question of a form. position is its 1-based place in response.answers. */
    public record Question(String code, String kind, String element, String scale, int levels, boolean ordinal,
                           boolean required, boolean allowsNa, String requiredIfCode, List<Integer> requiredIfLevels,
                           String textVi, String textEn, int position) {
    }

    /**
     * A published version. instrumentPositions[i] is the answers position (0-based) of the instrument's
     * i-th criterion; instrument is empty when the version has nothing the statistics core scores.
     */
    public record Form(long versionId, String questionnaire, String methodology, int version, String titleVi,
                       String titleEn, String introVi, String introEn, Map<String, Question> questions,
                       Optional<Instrument> instrument, int[] instrumentPositions) {

        public int size() {
            return questions.size();
        }

        /** The answers in the statistics core's order (0 for N/A), with the response's stratum and weight 1. */
        public Optional<Response> toResponse(Short[] answers, String stratum) {
            return instrument.map(i -> {
                var levels = new int[instrumentPositions.length];
                for (int k = 0; k < levels.length; k++) {
                    int p = instrumentPositions[k];
                    levels[k] = p < answers.length && answers[p] != null ? answers[p] : 0;
                }
                return new Response(stratum == null ? "" : stratum, levels);
            });
        }
    }

    public Optional<Form> published(long versionId) {
        var cached = published.get(versionId);
        if (cached != null) {
            return Optional.of(cached);
        }
        var form = read(versionId).filter(f -> f != null);
        form.ifPresent(f -> published.put(versionId, f));
        return form;
    }

    /** The newest published version of a questionnaire, by code. */
    public Optional<Form> latest(String questionnaireCode) {
        return dsl.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(questionnaireCode))
                .and(QUESTIONNAIRE_VERSION.STATUS.eq("published"))
                .orderBy(QUESTIONNAIRE_VERSION.VERSION.desc())
                .limit(1)
                .fetchOptional(QUESTIONNAIRE_VERSION.ID)
                .flatMap(this::published);
    }

    /** A version of a questionnaire by code and number, if it is published. */
    public Optional<Form> published(String questionnaireCode, int version) {
        return dsl.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(questionnaireCode))
                .and(QUESTIONNAIRE_VERSION.VERSION.eq(version))
                .fetchOptional(QUESTIONNAIRE_VERSION.ID)
                .flatMap(this::published);
    }

    private Optional<Form> read(long versionId) {
        var version = dsl.select(QUESTIONNAIRE_VERSION.asterisk(), QUESTIONNAIRE.CODE, QUESTIONNAIRE.METHODOLOGY)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE_VERSION.ID.eq(versionId))
                .and(QUESTIONNAIRE_VERSION.STATUS.eq("published"))
                .fetchOptional();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        var v = version.get();
        var levels = dsl.select(SCALE_LEVEL.SCALE_CODE, count())
                .from(SCALE_LEVEL)
                .groupBy(SCALE_LEVEL.SCALE_CODE)
                .fetchMap(SCALE_LEVEL.SCALE_CODE, r -> r.value2());
        var ordinal = dsl.select(SCALE.CODE, SCALE.ORDINAL).from(SCALE).fetchMap(SCALE.CODE, SCALE.ORDINAL);
        var questions = new LinkedHashMap<String, Question>();
        dsl.select(CRITERION.asterisk(), ELEMENT.CODE)
                .from(CRITERION)
                .leftJoin(ELEMENT).on(ELEMENT.ID.eq(CRITERION.ELEMENT_ID))
                .where(CRITERION.VERSION_ID.eq(versionId))
                .orderBy(CRITERION.POSITION)
                .forEach(r -> questions.put(r.get(CRITERION.INDICATOR_CODE), new Question(r.get(CRITERION.INDICATOR_CODE),
                        r.get(CRITERION.KIND), r.get(ELEMENT.CODE), r.get(CRITERION.SCALE_CODE),
                        levels.getOrDefault(r.get(CRITERION.SCALE_CODE), 0), ordinal.get(r.get(CRITERION.SCALE_CODE)),
                        r.get(CRITERION.REQUIRED), r.get(CRITERION.ALLOWS_NA), r.get(CRITERION.REQUIRED_IF_CODE),
                        r.get(CRITERION.REQUIRED_IF_LEVELS) == null ? List.of()
                                : java.util.Arrays.stream(r.get(CRITERION.REQUIRED_IF_LEVELS)).map(Short::intValue).toList(),
                        r.get(CRITERION.TEXT_VI), r.get(CRITERION.TEXT_EN), r.get(CRITERION.POSITION))));
        var weights = dsl.select(ELEMENT.CODE, ELEMENT.WEIGHT)
                .from(ELEMENT)
                .where(ELEMENT.VERSION_ID.eq(versionId))
                .orderBy(ELEMENT.POSITION)
                .fetch();
        var methodology = Methodology.fromCode(v.get(QUESTIONNAIRE.METHODOLOGY));
        var scored = questions.values().stream()
                .filter(q -> (q.kind().equals("rating") || q.kind().equals("overall")) && q.ordinal() && q.levels() >= 3)
                .toList();
        Optional<Instrument> instrument = Optional.empty();
        int[] positions = new int[0];
        if (!scored.isEmpty()) {
            var criteria = new ArrayList<String>();
            var elements = new ArrayList<Element>();
            for (var w : weights) {
                var members = scored.stream().filter(q -> w.value1().equals(q.element()) && q.kind().equals("rating"))
                        .map(Question::code).toList();
                if (!members.isEmpty()) {
                    criteria.addAll(members);
                    elements.add(new Element(w.value1(), members, w.value2() == null ? 1 : w.value2()));
                }
            }
            var overall = scored.stream().filter(q -> q.kind().equals("overall")).map(Question::code).findFirst();
            overall.ifPresent(criteria::add);
            int scaleLevels = scored.stream().mapToInt(Question::levels).max().orElse(5);
            instrument = Optional.of(new Instrument(methodology, scaleLevels, criteria, elements, overall));
            positions = criteria.stream().mapToInt(c -> questions.get(c).position() - 1).toArray();
        }
        return Optional.of(new Form(versionId, v.get(QUESTIONNAIRE.CODE), methodology.code(),
                v.get(QUESTIONNAIRE_VERSION.VERSION), v.get(QUESTIONNAIRE_VERSION.TITLE_VI),
                v.get(QUESTIONNAIRE_VERSION.TITLE_EN), v.get(QUESTIONNAIRE_VERSION.INTRO_VI),
                v.get(QUESTIONNAIRE_VERSION.INTRO_EN), java.util.Collections.unmodifiableMap(questions), instrument,
                positions));
    }
}
