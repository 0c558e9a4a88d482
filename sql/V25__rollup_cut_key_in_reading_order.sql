-- The key of a cut row in the order readers ask for it: cut, own, months, period first (as rollup_cut_period_idx
-- had them), then the unit and the rest. A fold looks up each cut row it adds to by its whole key; with the key
-- led by the unit, the planner took rollup_cut_period_idx instead, as smaller, and read every row of that cut and
-- period (some seventy a lookup, 150 buffers) to keep one: 120 µs a row, about a third of what rollups cost a
-- rating (pg_stat_statements and EXPLAIN ANALYZE under bench/analytics.sh's load). In this order the key serves both,
-- and the period index goes.
/* [jooq ignore start] */
alter table rollup_cut drop constraint rollup_cut_pkey;
alter table rollup_cut add constraint rollup_cut_pkey
    primary key (cut, own, months, period, unit_id, questionnaire_version_id, value, channel, stratum, flagged, shard);
/* [jooq ignore stop] */
drop index rollup_cut_period_idx;
