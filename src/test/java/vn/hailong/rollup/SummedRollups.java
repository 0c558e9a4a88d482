package vn.hailong.rollup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import org.jooq.DSLContext;

/**
 * The rows of a rollup table summed over shards per key, as analytics read them: one line per key, with its
 * number of responses, its counts and its sums (rounded to 6 decimals, as shards add in any order). Summed in Java,
 * as the statistics are packed (see {@link PackedStatistics}).
 */
final class SummedRollups {
    static final String DAILY_KEY = "agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum,"
            + " flagged";
    static final String SUMMARY_KEY = "unit_id, own, months, period, questionnaire_version_id";
    static final String CUT_KEY = "unit_id, own, months, period, questionnaire_version_id, cut, value, channel, stratum,"
            + " flagged";

    private SummedRollups() {
    }

    static List<String> of(DSLContext dsl, String table, String key) {
        int columns = key.split(",").length;
        var sums = new TreeMap<String, RollupSummary.Sum>();
        for (var r : dsl.fetch("select " + key + ", responses, packed from " + table)) {
            var values = r.intoList();
            sums.computeIfAbsent(values.subList(0, columns).toString(), k -> new RollupSummary.Sum())
                    .add(r.get(columns, Long.class), r.get(columns + 1, byte[].class));
        }
        var lines = new ArrayList<String>();
        sums.forEach((k, sum) -> lines.add(k + " n=" + sum.responses + " counts=" + Arrays.toString(sum.counts)
                + " sums=" + Arrays.toString(Arrays.stream(sum.sums).map(v -> Math.round(v * 1e6) / 1e6).toArray())));
        return lines;
    }
}
