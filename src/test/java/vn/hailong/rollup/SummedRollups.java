package vn.hailong.rollup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jooq.DSLContext;

/**
 * The rollup store's rows, one line each in key order, with its numbers unpacked (see {@link PackedStatistics}): what a
 * rebuild from the responses must give back.
 */
final class SummedRollups {
    static final String KEY = "aggregate, unit_id, value, channel, grain, period, questionnaire_version_id, stratum,"
            + " flagged";

    private SummedRollups() {
    }

    static List<String> of(DSLContext dsl) {
        var lines = new ArrayList<String>();
        for (var r : dsl.fetch("select " + KEY + ", responses, packed from rollup order by " + KEY)) {
            var values = r.intoList();
            var sum = new RollupSum();
            sum.add(r.get(9, Long.class), r.get(10, byte[].class));
            lines.add(values.subList(0, 9) + " n=" + sum.responses + " counts=" + Arrays.toString(sum.counts)
                    + " sums=" + Arrays.toString(sum.sums));
        }
        return lines;
    }
}
