package vn.hailong.analyze;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Response;

/**
 * One response read from a file: who and when, its stratum and weight, and the level of each answered criterion
 * by indicator code (criteria answered N/A are absent).
 */
public record ResponseRow(long row, String responseId, LocalDate submittedAt, String agencyCode, String stratum,
                          String channel, double weight, Map<String, Integer> answers) {

    public ResponseRow {
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    public int year() {
        return submittedAt.getYear();
    }

    /** The response as the statistics core sees it under {@code instrument} (0 = not applicable). */
    public Response toResponse(Instrument instrument) {
        List<String> codes = instrument.criteria();
        int[] levels = new int[codes.size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = answers.getOrDefault(codes.get(i), 0);
        }
        return new Response(stratum, weight, levels);
    }
}
