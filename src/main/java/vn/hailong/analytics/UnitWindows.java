package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jooq.DSLContext;

import vn.hailong.auth.UnitScope;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Filter;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * Every unit's statistics (its whole subtree, as GET /indices?unit= reads them) in two windows of days, unweighted,
 * read the way GET /compare reads two periods: the rollups through {@link Slices}, each questionnaire revision
 * restricted to the criteria all the versions answering in either window share ({@link CompareApi.Shared}). What
 * the alerts check (vn.hailong.alerts) compares. One read per window, split by unit (each unit's own responses),
 * then summed up the tree: the statistics are sufficient, so a unit's subtree is the sum of its units'.
 */
public final class UnitWindows {

    /** Days from {@code from} to {@code to}, both included (Vietnam dates). */
    public record Window(LocalDate from, LocalDate to) {
    }

    /**
     * The statistics of each unit with responses in a window, keyed by unit id (subtree sums), over the instrument
     * both windows share; {@code parents} gives every unit's parent (null at the top).
     */
    public record Read(String questionnaire, Instrument instrument, Map<Long, SufficientStatistics> recent,
                       Map<Long, SufficientStatistics> baseline, Map<Long, Long> parents) {
    }

    private UnitWindows() {
    }

    /** The codes of the questionnaires with a published, scored version, in code order. */
    public static List<String> scored(DSLContext dsl, Forms forms) {
        var slices = new Slices(dsl, forms);
        return dsl.select(QUESTIONNAIRE.CODE).from(QUESTIONNAIRE).orderBy(QUESTIONNAIRE.CODE).fetch(QUESTIONNAIRE.CODE)
                .stream().filter(code -> !slices.revisions(code).isEmpty()).toList();
    }

    /** Both windows of every unit; empty when the questionnaire is not a published, scored one. */
    public static Optional<Read> read(DSLContext dsl, Forms forms, String questionnaire, Window recent, Window baseline) {
        var slices = new Slices(dsl, forms);
        var revisions = slices.revisions(questionnaire);
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        // Own figures summed up the tree: exact, without a split's shares counted under each successor as well.
        var filter = new Filter(recent.from(), recent.to(), null, null, null, null, null, false, UnitScope.ALL, true,
                false, vn.hailong.rollup.Boundaries.CURRENT.exact());
        var shared = CompareApi.Shared.read(slices, revisions, filter, filter.between(baseline.from(), baseline.to()),
                List.of(Dimension.UNIT));
        var parents = new HashMap<Long, Long>();
        dsl.select(UNIT.ID, UNIT.PARENT_ID).from(UNIT).forEach(r -> parents.put(r.value1(), r.value2()));
        return Optional.of(new Read(questionnaire, shared.instrument(), subtrees(shared.now(), parents),
                subtrees(shared.before(), parents), java.util.Collections.unmodifiableMap(parents)));
    }

    /** Each unit's own statistics added to it and to every unit above it. */
    private static Map<Long, SufficientStatistics> subtrees(Map<vn.hailong.rollup.Group, SufficientStatistics> own,
                                                            Map<Long, Long> parents) {
        var sums = new TreeMap<Long, SufficientStatistics>();
        own.forEach((group, stats) -> {
            // The tree has no cycles; the bound only guards against a broken one.
            Long at = group.unit();
            for (int depth = 0; at != null && depth <= parents.size(); depth++) {
                sums.merge(at, stats, SufficientStatistics::merge);
                at = parents.get(at);
            }
        });
        return sums;
    }
}
