package vn.hailong.collect;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rating as a client sends it to POST /api/v1/responses. answers maps indicator codes to a level, or null for N/A;
 * link is the code of the survey link it came through; incomplete marks a kiosk's rating whose citizen walked away
 * before the end (its unanswered questions are left out).
 */
record Submission(
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
        // Left out of the content hash when absent, so a rating hashes as it did before links were named: a retry of
        // one stored earlier is still recognised.
        @JsonInclude(JsonInclude.Include.NON_NULL) String link,
        OffsetDateTime startedAt,
        OffsetDateTime submittedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean incomplete) {

    /** Optional facts about the respondent; every one may be left out. */
    record Profile(String sex, String ageBand, String education, String occupation) {
    }
}
