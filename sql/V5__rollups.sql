-- TEMPORARY: replaced by the rollup redesign
-- Rollups: the sufficient statistics of the statistics core (vn.hailong.stats.Layout) summed ahead, what every
-- dashboard reads instead of responses. Each row holds its counts and sums packed (vn.hailong.rollup.PackedStatistics):
-- a few hundred bytes to a few kilobytes, stored and read as they are. Kept as ratings arrive and rebuildable from
-- responses.
-- A batch of ratings only inserts its additions into rollup_pending (store_submissions, V3): no read, no update, no
-- row another transaction writes. vn.hailong.rollup.RollupFolder folds them into rollup_daily, rollup_summary and
-- rollup_cut a moment later, many ratings at a time, deleting them in the same transaction; readers sum both
-- (vn.hailong.analytics.Slices), so a rating counts from the moment it commits, and exactly once.
-- A transaction that adds to the rollups claims a shard 1–64 with an advisory lock, reads its rows, adds in Java and
-- writes them back whole (vn.hailong.rollup.Rollups); rebuilds write shard 0. Readers sum the shards.
-- A packed row is stored as it is, in its page: compressed only if it would not fit one (a target of 8160 bytes), so
-- no write goes through pglz; the room left in each page (fillfactor 75) lets an update stay in its page (HOT),
-- without touching the indexes.

-- Rollup additions not yet folded, one row per daily key. No foreign keys: the agency and questionnaire version are
-- the ratings', which their own foreign keys have just checked, and checking them again cost two lookups (and a share
-- lock on the unit) per row, about half the cost of inserting it.
create table rollup_pending (
    id                       bigint generated always as identity primary key,
    agency_id                bigint not null,
    day                      date not null,
    questionnaire_version_id bigint not null,
    service_id               bigint not null default 0,
    centre_id                bigint not null default 0,
    channel                  varchar not null,
    stratum                  varchar not null default '',
    flagged                  boolean not null default false,
    responses                bigint not null,
    packed                   bytea not null
);

-- Per day × unit × service × centre × channel × stratum × questionnaire version × quality flag. Missing service or
-- centre is 0, missing stratum ''.
create table rollup_daily (
    agency_id                bigint not null references unit (id),
    day                      date not null,
    questionnaire_version_id bigint not null references questionnaire_version (id),
    service_id               bigint not null default 0,
    centre_id                bigint not null default 0,
    channel                  varchar not null,
    stratum                  varchar not null default '',
    flagged                  boolean not null default false,
    shard                    smallint not null default 0,
    responses                bigint not null,
    packed                   bytea not null,
    primary key (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged, shard)
);
create index rollup_daily_day_idx on rollup_daily (day);
-- What the cuts cannot answer (two of channel, service and centre, post-stratified days) reads daily rows: a
-- service's or a centre's by index rather than every row of the days.
create index rollup_daily_service_idx on rollup_daily (service_id, day);
create index rollup_daily_centre_idx on rollup_daily (centre_id, day);

-- Summed per year (months 12), month (1), week (7) and day (0), for what most dashboards ask (every channel, service
-- and centre, all responses, strata pooled): a whole province's year is a handful of rows. Per unit, two kinds: its
-- own responses (own), and those of its whole subtree, itself included (not own); day and week rows only for each
-- agency's own and each top unit's subtree. The subtree rows are summed again when a unit moves
-- (vn.hailong.rollup.RollupSummary).
create table rollup_summary (
    unit_id                  bigint not null references unit (id),
    own                      boolean not null,
    months                   smallint not null,            -- 1: period is a month, 12: a year, 7: a week, 0: a day
    period                   date not null,                -- its first day
    questionnaire_version_id bigint not null references questionnaire_version (id),
    shard                    smallint not null default 0,
    responses                bigint not null,
    packed                   bytea not null,
    primary key (unit_id, own, months, period, questionnaire_version_id, shard)
);

-- Summed per period as rollup_summary, cut by one more thing: what a dashboard asks with a channel, service or
-- centre filter or split, with post-stratification or without flagged responses (vn.hailong.rollup.RollupCuts).
--   cut ''        value ''              one row per stratum (post-stratification), flagged or not
--   cut channel   value the channel     strata pooled (stratum ''), flagged or not
--   cut service   value the service id  (0: none given), per channel, strata pooled, flagged or not
--   cut centre    value the centre id   (0: none given), per channel, strata pooled, flagged or not
-- The rows of the other cuts have channel ''.
create table rollup_cut (
    unit_id                  bigint not null references unit (id),
    own                      boolean not null,
    months                   smallint not null,            -- as rollup_summary
    period                   date not null,                -- its first day
    questionnaire_version_id bigint not null references questionnaire_version (id),
    cut                      varchar not null,
    value                    varchar not null,
    stratum                  varchar not null,
    flagged                  boolean not null,
    shard                    smallint not null default 0,
    responses                bigint not null,
    packed                   bytea not null,
    channel                  varchar not null default '',
    primary key (unit_id, own, months, period, questionnaire_version_id, cut, value, channel, stratum, flagged, shard)
);
create index rollup_cut_period_idx on rollup_cut (cut, own, months, period);
-- A service's rows of a top unit (or a centre's, or a channel's) over a range of days or months: by value, only its
-- own rows are read.
create index rollup_cut_value_idx on rollup_cut (cut, value, months, period) where not own;

/* [jooq ignore start] */
alter table rollup_pending alter column packed set storage main;
alter table rollup_daily alter column packed set storage main;
alter table rollup_summary alter column packed set storage main;
alter table rollup_cut alter column packed set storage main;
alter table rollup_pending set (toast_tuple_target = 8160);
alter table rollup_daily set (fillfactor = 75, toast_tuple_target = 8160);
alter table rollup_summary set (fillfactor = 75, toast_tuple_target = 8160);
alter table rollup_cut set (fillfactor = 75, toast_tuple_target = 8160);

-- Element-wise sums of two arrays. Nothing in the current code calls them; the rollup redesign keeps or drops them.
create function array_add(a bigint[], b bigint[]) returns bigint[] language sql immutable strict parallel safe as $$
    select array_agg(x + y order by i) from unnest(a, b) with ordinality as t(x, y, i)
$$;
create function array_add(a double precision[], b double precision[]) returns double precision[]
language sql immutable strict parallel safe as $$
    select array_agg(x + y order by i) from unnest(a, b) with ordinality as t(x, y, i)
$$;
/* [jooq ignore stop] */
