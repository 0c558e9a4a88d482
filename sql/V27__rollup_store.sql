-- DEVELOPMENT ONLY: folded into the squashed V5__rollups.sql at merge.
create table rollup (
    aggregate                 smallint not null,
    unit_id                   bigint not null,
    value                     bigint not null,
    channel                   varchar not null,
    grain                     smallint not null,
    period                    date not null,
    questionnaire_version_id  bigint not null,
    stratum                   varchar not null,
    flagged                   boolean not null,
    responses                 bigint not null,
    packed                    bytea not null,
    primary key (aggregate, unit_id, value, channel, grain, period, questionnaire_version_id, stratum, flagged)
);
/* [jooq ignore start] */
alter table rollup alter column packed set storage main;
alter table rollup set (toast_tuple_target = 8160);
/* [jooq ignore stop] */
