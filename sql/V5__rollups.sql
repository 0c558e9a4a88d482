-- Rollups: the sufficient statistics of the statistics core (vn.hailong.stats.Layout) summed ahead, which the
-- analytics read instead of the responses where they can. Each row holds its counts and sums packed
-- (vn.hailong.rollup.PackedStatistics): a few hundred bytes to a few kilobytes, stored and read as they are. Kept as
-- ratings arrive and rebuildable from the responses. docs/rollups.md explains the design.
--
-- A batch of ratings only inserts its additions into rollup_pending (store_submissions, V3): no read, no update, no
-- row another transaction writes. vn.hailong.rollup.RollupFolder folds them into rollup a moment later, many ratings
-- at a time, deleting them in the same transaction; readers sum both (vn.hailong.rollup.RollupReader), so a rating
-- counts from the moment it commits, and exactly once.

-- Rollup additions not yet folded, one row per pending key (an agency's day, by every dimension). No foreign keys:
-- the agency and questionnaire version are the ratings', which their own foreign keys have just checked, and checking
-- them again cost two lookups (and a share lock on the unit) per row, about half the cost of inserting it.
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

-- The rollup store: for each aggregate of vn.hailong.rollup.Aggregate.SET, each unit and each period of each grain
-- the aggregate keeps, the sums of the responses of the unit's whole subtree, cut by what the aggregate keeps:
--   aggregate 1  units     nothing more                     days, months, years
--   aggregate 2  channels  channel and stratum              days, months, years
--   aggregate 3  services  service, channel and stratum     months, years
--   aggregate 4  centres   centre, channel and stratum      months, years
-- A cut the aggregate does not keep holds 0 (value) or '' (channel, stratum); a service or centre not given, 0.
-- One writer (vn.hailong.rollup.RollupStore) under one advisory lock: it reads the rows a fold, an import, a rebuild
-- or a unit move touches, adds in Java and writes them back whole; a row that comes to no responses is deleted.
create table rollup (
    aggregate                smallint not null,
    unit_id                  bigint not null,
    grain                    smallint not null,            -- 1: period is a day, 2: a month, 3: a year
    period                   date not null,                -- its first day
    value                    bigint not null,              -- the service or the centre
    channel                  varchar not null,
    questionnaire_version_id bigint not null,
    stratum                  varchar not null,
    flagged                  boolean not null,
    responses                bigint not null,
    packed                   bytea not null,
    -- A question reads one aggregate, one unit (or the units of a subtree) and ranges of periods of a grain.
    primary key (aggregate, unit_id, grain, period, value, channel, questionnaire_version_id, stratum, flagged)
);

/* [jooq ignore start] */
-- A packed row is stored as it is, in its page: compressed only if it would not fit one (a target of 8160 bytes), so
-- no write goes through pglz.
alter table rollup_pending alter column packed set storage main;
alter table rollup alter column packed set storage main;
alter table rollup_pending set (toast_tuple_target = 8160);
alter table rollup set (toast_tuple_target = 8160);
/* [jooq ignore stop] */
