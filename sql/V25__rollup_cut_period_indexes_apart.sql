-- A fold looks up each cut row it adds to by its whole key. Beside the key, the planner could take
-- rollup_cut_period_idx (cut, own, months, period), smaller with the same estimate of one row, and then read every
-- row of that cut and period (some seventy a lookup, 150 buffers) to keep one: 120 µs a row, about 60 % of what the
-- rollups cost PostgreSQL per rating (pg_stat_statements and EXPLAIN ANALYZE under bench/analytics.sh's load).
-- Readers always ask for an agency's own rows or a subtree's, so that index is now two, one for each. A fold's
-- lookup, whose "own" is a value of its keys, can use neither, only the key.
create index rollup_cut_own_period_idx on rollup_cut (cut, months, period) where own;
create index rollup_cut_subtree_period_idx on rollup_cut (cut, months, period) where not own;
drop index rollup_cut_period_idx;
