-- Rollup additions not yet folded into rollup_daily, rollup_summary and (V10) rollup_cut. A batch of ratings
-- inserts its statistics here, one row per daily key, in the transaction that stores the ratings: no read, no
-- update, no row another transaction writes. vn.hailong.rollup.RollupFolder folds them into the other rollups a
-- moment later, many ratings at a time, deleting them in the same transaction; readers sum both tables
-- (vn.hailong.analytics.Slices), so a rating counts from the moment it commits, and exactly once.
create table rollup_pending (
    id                       bigint generated always as identity primary key,
    agency_id                bigint not null references unit (id),
    day                      date not null,
    questionnaire_version_id bigint not null references questionnaire_version (id),
    service_id               bigint not null default 0,
    centre_id                bigint not null default 0,
    channel                  varchar not null,
    stratum                  varchar not null default '',
    flagged                  boolean not null default false,
    responses                bigint not null,
    counts                   bigint[] not null,
    sums                     double precision[] not null
);
/* [jooq ignore start] */
-- Compressed in the row, as the rollups are (V8): a tenth of the WAL, and a fold reads a few pages.
alter table rollup_pending alter column counts set storage main, alter column sums set storage main;
alter table rollup_pending set (toast_tuple_target = 128);
/* [jooq ignore stop] */
