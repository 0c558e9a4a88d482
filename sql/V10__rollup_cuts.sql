-- Rollups per month and year cut by one more thing: what a dashboard asks with a channel, service or centre
-- filter or split, with post-stratification or without flagged responses. The daily rows answer those too, but
-- at a few million responses a year of them is a million rows; these are a few per unit and period. For each
-- agency its own responses (own), and for each top unit (a province) its whole subtree's (not own): a
-- province-wide question reads the latter, one split by unit the former.
--   cut ''        value ''              one row per stratum (post-stratification), flagged or not
--   cut channel   value the channel     strata pooled (stratum ''), flagged or not
--   cut service   value the service id  (0: none given), strata pooled, flagged or not
--   cut centre    value the centre id   (0: none given), strata pooled, flagged or not
-- Kept by the same writes as rollup_daily and rollup_summary (vn.hailong.rollup.RollupCuts), rebuilt with them;
-- the subtree rows summed again from the own rows when a unit moves.
create table rollup_cut (
    unit_id                  bigint not null references unit (id),
    own                      boolean not null,
    months                   smallint not null,            -- 1: period is a month, 12: a year
    period                   date not null,                -- its first day
    questionnaire_version_id bigint not null references questionnaire_version (id),
    cut                      varchar not null,
    value                    varchar not null,
    stratum                  varchar not null,
    flagged                  boolean not null,
    shard                    smallint not null default 0,
    responses                bigint not null,
    counts                   bigint[] not null,
    sums                     double precision[] not null,
    primary key (unit_id, own, months, period, questionnaire_version_id, cut, value, stratum, flagged, shard)
);
create index rollup_cut_period_idx on rollup_cut (cut, own, months, period);

-- What the cuts cannot answer (two of channel, service and centre, days that cut a month) reads daily rows:
-- a service's or a centre's by index rather than every row of the days.
create index rollup_daily_service_idx on rollup_daily (service_id, day);
create index rollup_daily_centre_idx on rollup_daily (centre_id, day);
/* [jooq ignore start] */
-- Compressed in the row, as the other rollups (V8).
alter table rollup_cut alter column counts set storage main, alter column sums set storage main;
alter table rollup_cut set (toast_tuple_target = 128, fillfactor = 75);
/* [jooq ignore stop] */
