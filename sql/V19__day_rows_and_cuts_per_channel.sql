-- Two ways of asking that only the daily rows could answer, and whose cost therefore grew with the data:
--
-- Days that cut a month (15 March to 14 June). rollup_summary gets day rows: months = 0, the period being the day,
-- for each agency's own responses and for each top unit's whole subtree (not for the units between, whose days are
-- their agencies' own rows). So does rollup_cut, cut by channel: with the strata pooled, a day's rows of every
-- channel sum to the day's, so they also answer with flagged ratings left out. (Post-stratified days, a service's or
-- a centre's are read from the daily rows; a service's and a centre's by their index.) The whole months of a range
-- are read from the month rows, the days at either end from the day rows.
--
-- A service or a centre together with a channel (the busiest service at the kiosks). The service and centre rows
-- of rollup_cut are kept apart per channel; a service's figures sum its rows of every channel. The rows of the
-- other cuts have channel ''.
--
-- Migration 20 (vn.hailong.rollup.RecutRollups, Java) fills the day rows and sums every cut row again from the daily
-- rows a database holds, as vn.hailong.rollup.RollupCuts keeps them (since then an agency's own cut rows keep no
-- years, its twelve months answering, and no services, its daily rows answering by their index).
alter table rollup_cut add column channel varchar not null default '';
/* [jooq ignore start] */
alter table rollup_cut drop constraint rollup_cut_pkey;
alter table rollup_cut add constraint rollup_cut_pkey
    primary key (unit_id, own, months, period, questionnaire_version_id, cut, value, channel, stratum, flagged, shard);
/* [jooq ignore stop] */
