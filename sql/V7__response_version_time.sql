-- The responses of one questionnaire over a period, for what is counted from the responses themselves rather than
-- the rollups: the reasons for dissatisfaction (GET /api/v1/reasons), a nominal answer no aggregate keeps. Without
-- it each such question read every response of the period, of every questionnaire: 158 ms at 5 M responses for the
-- per-dossier ratings of a province's year, most of it spent on its SIPAS surveys. One more index every rating
-- writes (see V3 on why response has few).
create index response_version_time_idx on response (questionnaire_version_id, submitted_at);
