package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Filter;
import vn.hailong.rollup.Group;
import vn.hailong.rollup.RollupReader;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * What analytics read: the versions of a questionnaire that merge, and the statistics of each group of a question,
 * which the rollup store's reader ({@link RollupReader}) sums.
 */
final class Slices {
    /** The versions of a questionnaire that can be merged: those scored exactly like the newest one. */
    record Versions(Instrument instrument, List<Long> merged, List<Long> left) {
    }

    private final DSLContext dsl;
    private final Forms forms;
    private final RollupReader reader;

    Slices(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.forms = forms;
        this.reader = new RollupReader(dsl, forms);
    }

    /** The newest published version of a questionnaire and those scored exactly like it; empty when it is not scored. */
    Optional<Versions> versions(String questionnaire) {
        return revisions(questionnaire).stream().findFirst();
    }

    /**
     * The published versions of a questionnaire in families scored alike, the newest version's family first, each
     * family's versions newest first and every other version in its {@code left}; none when the newest version is
     * not scored. A comparison across a revision reads each family apart.
     */
    List<Versions> revisions(String questionnaire) {
        var ids = dsl.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(questionnaire))
                .and(QUESTIONNAIRE_VERSION.STATUS.eq("published"))
                .orderBy(QUESTIONNAIRE_VERSION.VERSION.desc())
                .fetch(QUESTIONNAIRE_VERSION.ID);
        if (ids.isEmpty() || forms.published(ids.get(0)).flatMap(Forms.Form::instrument).isEmpty()) {
            return List.of();
        }
        var families = new LinkedHashMap<Instrument, List<Long>>();
        for (var id : ids) {
            forms.published(id).flatMap(Forms.Form::instrument)
                    .ifPresent(instrument -> families.computeIfAbsent(instrument, k -> new ArrayList<>()).add(id));
        }
        var revisions = new ArrayList<Versions>();
        families.forEach((instrument, merged) -> revisions.add(new Versions(instrument, List.copyOf(merged),
                ids.stream().filter(id -> !merged.contains(id)).toList())));
        return revisions;
    }

    /** Sufficient statistics per group, in the order of the dimensions asked for; groups with no responses left out. */
    Map<Group, SufficientStatistics> read(Versions versions, Filter f, List<Dimension> groupBy) {
        return reader.read(versions.instrument(), versions.merged(), f, groupBy);
    }
}
