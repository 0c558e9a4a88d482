-- Pending rollup rows (V9) hold their counts and sums packed (vn.hailong.rollup.PackedStatistics): a few hundred
-- bytes that PostgreSQL stores as they come, where the two arrays, 7 KB, went through pglz on every insert. The
-- rows pending now are packed by V14 (in Java, the format's one writer) and the arrays dropped by V15.
alter table rollup_pending add column packed bytea;
alter table rollup_pending alter column counts drop not null;
alter table rollup_pending alter column sums drop not null;
/* [jooq ignore start] */
alter table rollup_pending alter column packed set storage main;

-- As V12, in one call with the ratings' pending rollup rows, so that a writer's round is one round trip: run
-- alone, the call is its own transaction. The pending rows (one per daily key, each array one column) are what
-- the batch adds when every rating in it is new, and are inserted only then.
drop function store_submissions(varchar[], jsonb, timestamptz);
create function store_submissions(lock_keys varchar[], batch jsonb, received timestamptz,
                                  pending_agency bigint[], pending_day date[], pending_version bigint[],
                                  pending_service bigint[], pending_centre bigint[], pending_channel varchar[],
                                  pending_stratum varchar[], pending_flagged boolean[], pending_responses bigint[],
                                  pending_packed bytea[])
returns setof submission_outcome language plpgsql as $$
declare
    k varchar;
    outcomes submission_outcome[];
begin
    foreach k in array lock_keys loop
        perform pg_advisory_xact_lock(hashtextextended(k, 0));
    end loop;
    if exists (select 1 from jsonb_array_elements(batch) as b where b ->> 'invitation_token' is not null) then
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
    end if;
    select array_agg(c order by c.ordinal) into outcomes from classify_submissions(batch) as c;
    if exists (select 1 from unnest(outcomes) as o where o.outcome <> 'new') then
        return query select * from unnest(outcomes);
        return;
    end if;
    if exists (select 1 from unnest(outcomes) as o where o.invitation_id is not null) then
        update invitation set used_at = received
         where id in (select o.invitation_id from unnest(outcomes) as o);
    end if;
    insert into rollup_pending (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum,
                                flagged, responses, packed)
    select * from unnest(pending_agency, pending_day, pending_version, pending_service, pending_centre,
                         pending_channel, pending_stratum, pending_flagged, pending_responses, pending_packed);
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
        returning id, agency_id, submission_id, submitted_at, received_at, content_hash, quality_flags),
    kept as (
        insert into response_submission (submission_id, agency_id, response_id, submitted_at, received_at,
                                         content_hash, quality_flags)
        select submission_id, agency_id, id, submitted_at, received_at, content_hash, quality_flags from stored)
    select o.ordinal, 'created'::varchar, st.id, st.submitted_at, received, st.quality_flags, o.dossier_code,
           o.invitation_id
      from unnest(outcomes) as o
      join jsonb_populate_recordset(null::submission_in, batch) with ordinality as s on s.ordinality = o.ordinal
      join stored as st on st.submission_id = s.submission_id;
end $$;
/* [jooq ignore stop] */
