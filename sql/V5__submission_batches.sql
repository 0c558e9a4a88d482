-- Storing ratings in group commits (vn.hailong.collect.SubmissionBatch): the ratings that arrive together
-- are checked and stored by one call, and their rollups added, in one transaction.

-- Rollups summed per month and per year, for what most dashboards ask (every channel, service and centre,
-- all responses, strata pooled): a whole province's year is a handful of rows. Per unit, two kinds: its own
-- responses (own), and those of its whole subtree, itself included (not own). Updated with rollup_daily,
-- rebuilt with it, and the subtree rows re-summed when a unit moves (vn.hailong.rollup.RollupSummary).
create table rollup_summary (
    unit_id                  bigint not null references unit (id),
    own                      boolean not null,
    months                   smallint not null,            -- 1: period is a month, 12: a year
    period                   date not null,                -- its first day
    questionnaire_version_id bigint not null references questionnaire_version (id),
    shard                    smallint not null default 0,
    responses                bigint not null,
    counts                   bigint[] not null,
    sums                     double precision[] not null,
    primary key (unit_id, own, months, period, questionnaire_version_id, shard)
);

/* [jooq ignore start] */
-- A rollup row of the SIPAS questionnaire is about 7 KB of counts and sums, rewritten as ratings arrive. Kept
-- in the row up to a page rather than compressed into TOAST: every update would otherwise compress both
-- arrays and leave dead TOAST chunks behind, and every read decompress them.
alter table rollup_daily set (toast_tuple_target = 8160);
alter table rollup_summary set (toast_tuple_target = 8160);

-- What citizens wrote, newest first (GET /api/v1/comments): read backwards, a page at a time.
create index response_comment_time_idx on response (submitted_at) where comment is not null;

-- Rollup shards (rollup_daily.shard, rollup_summary.shard) are no longer a connection's pid: a transaction
-- that adds to the rollups claims a shard 1–64 with an advisory lock, reads its rows, adds in Java and writes
-- them back whole (vn.hailong.rollup.Rollups); rebuilds write shard 0. Readers still sum the shards.

-- The unit and every unit above it: the subtrees its responses count in.
create function unit_lineage(bottom bigint) returns setof bigint language sql stable as $$
    with recursive t(id, parent_id) as (
        select id, parent_id from unit where id = bottom
        union all
        select u.id, u.parent_id from unit u join t on u.id = t.parent_id
    )
    select id from t
$$;

-- One rating of a batch, as the writer sends it in JSON.
create type submission_in as (
    submission_id            uuid,
    content_hash             varchar,
    agency_id                bigint,
    submitted_at             timestamptz,
    questionnaire_version_id bigint,
    service_id               bigint,
    centre_id                bigint,
    counter_id               bigint,
    channel                  varchar,
    dossier_code             varchar,
    invitation_token         varchar,
    stratum                  varchar,
    answers                  smallint[],
    profile                  jsonb,
    comment                  varchar,
    client_started_at        timestamptz,
    client_submitted_at      timestamptz,
    quality_flags            varchar[],
    device_id                bigint
);

-- What becomes of each rating of a batch: new, a replay of a stored one, or refused (reused_id,
-- invalid_link, dossier_rated). The earlier response is given for a replay, the dossier for every rating
-- that names one (itself or through its invitation). Within a batch, the first rating of a dossier wins.
create type submission_outcome as (
    ordinal        bigint,
    outcome        varchar,
    response_id    bigint,
    submitted_at   timestamptz,
    received_at    timestamptz,
    quality_flags  varchar[],
    dossier_code   varchar,
    invitation_id  bigint
);

create function classify_submissions(batch jsonb) returns setof submission_outcome language sql stable as $$
    with s as (
        select * from jsonb_populate_recordset(null::submission_in, batch) with ordinality),
    named as (
        select s.*, r.id as earlier_id, r.content_hash as earlier_hash, r.submitted_at as earlier_submitted_at,
               r.received_at as earlier_received_at, r.quality_flags as earlier_flags,
               i.id as invitation_id, i.used_at, coalesce(i.dossier_code, s.dossier_code) as dossier
          from s
          left join response r on r.submission_id = s.submission_id
          left join invitation i on i.token = s.invitation_token)
    select n.ordinality,
           case when n.earlier_id is not null and n.earlier_hash = n.content_hash then 'replayed'
                when n.earlier_id is not null then 'reused_id'
                when n.invitation_token is not null and n.invitation_id is null then 'invalid_link'
                when n.used_at is not null then 'dossier_rated'
                when n.dossier is not null
                     and (exists (select 1 from response x where x.agency_id = n.agency_id and x.dossier_code = n.dossier)
                          or row_number() over (partition by n.agency_id, n.dossier order by n.ordinality) > 1)
                     then 'dossier_rated'
                else 'new' end,
           n.earlier_id, n.earlier_submitted_at, n.earlier_received_at, n.earlier_flags, n.dossier, n.invitation_id
      from named n
$$;

-- Checks and stores a batch of ratings. lock_keys (sorted) name each submission id and dossier of the
-- batch: the same rating sent to two writers (or two servers) at once waits for the first, then finds it.
-- The ratings are stored only when every one is new: otherwise nothing is written, each rating's outcome is
-- returned, and the caller sends the new ones again (its rollups are summed for the whole batch).
create function store_submissions(lock_keys varchar[], batch jsonb, received timestamptz)
returns setof submission_outcome language plpgsql as $$
declare
    k varchar;
    outcomes submission_outcome[];
begin
    foreach k in array lock_keys loop
        perform pg_advisory_xact_lock(hashtextextended(k, 0));
    end loop;
    perform 1 from invitation
      where token in (select b ->> 'invitation_token' from jsonb_array_elements(batch) as b)
      order by id
        for update;
    -- An invitation names its dossier only once read: those dossiers are locked now, in order.
    for k in select distinct 'dossier:' || (b ->> 'agency_id') || ':' || i.dossier_code
               from jsonb_array_elements(batch) as b
               join invitation i on i.token = b ->> 'invitation_token'
              order by 1 loop
        perform pg_advisory_xact_lock(hashtextextended(k, 0));
    end loop;
    select array_agg(c order by c.ordinal) into outcomes from classify_submissions(batch) as c;
    if exists (select 1 from unnest(outcomes) as o where o.outcome <> 'new') then
        return query select * from unnest(outcomes);
        return;
    end if;
    update invitation set used_at = received
     where id in (select o.invitation_id from unnest(outcomes) as o);
    return query
    with stored as (
        insert into response (agency_id, submitted_at, questionnaire_version_id, service_id, centre_id, counter_id,
                              channel, submission_id, content_hash, dossier_code, stratum, answers, profile, comment,
                              client_started_at, client_submitted_at, quality_flags, device_id, received_at)
        select s.agency_id, s.submitted_at, s.questionnaire_version_id, s.service_id, s.centre_id, s.counter_id,
               s.channel, s.submission_id, s.content_hash, o.dossier_code, s.stratum, s.answers, s.profile, s.comment,
               s.client_started_at, s.client_submitted_at, coalesce(s.quality_flags, '{}'), s.device_id, received
          from jsonb_populate_recordset(null::submission_in, batch) with ordinality as s
          join unnest(outcomes) as o on o.ordinal = s.ordinality
        returning id, submission_id, submitted_at, quality_flags)
    select o.ordinal, 'created'::varchar, st.id, st.submitted_at, received, st.quality_flags, o.dossier_code,
           o.invitation_id
      from unnest(outcomes) as o
      join jsonb_populate_recordset(null::submission_in, batch) with ordinality as s on s.ordinality = o.ordinal
      join stored as st on st.submission_id = s.submission_id;
end $$;
/* [jooq ignore stop] */
