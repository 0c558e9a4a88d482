package vn.hailong.collect;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A rating as a client sends it to POST /api/v1/responses. answers maps indicator codes to a level, or null for N/A.
 * incomplete: a kiosk's rating whose citizen walked away before the end; its unanswered questions are left out.
 */
public record Submission(
        UUID submissionId,
        String questionnaire,
        Integer version,
        String agency,
        String service,
        String centre,
        String counter,
        String channel,
        Map<String, Integer> answers,
        Profile profile,
        String comment,
        String dossierCode,
        String invitation,
        OffsetDateTime startedAt,
        OffsetDateTime submittedAt,
        Boolean incomplete) {

    /** Optional facts about the respondent; every one may be left out. */
    public record Profile(String sex, String ageBand, String education, String occupation) {
    }
}
