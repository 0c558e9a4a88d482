-- Storing a rating (POST /api/v1/responses) costs less: fewer indexes written, invitations looked at only when a
-- rating names one, and each check reads one small index rather than one index per yearly partition of
-- response. (Parsing the batch once into a submission_in[] was tried: unnesting that array cost more than the
-- three parses of the JSON it saved.)

-- Every index of response is written by every rating and every imported row. Two were never read: ratings are
-- recognised by their submission id alone, and imported rows by their source id in imported_response (V6).
-- Dossier codes are looked up per agency, and most ratings have none: the index now holds only those that do.
drop index response_submission_idx;
drop index response_external_idx;
drop index response_dossier_idx;
create index response_dossier_idx on response (agency_id, dossier_code) where dossier_code is not null;

-- The ratings stored through the API, by the id their client made, with what a retry is answered. One
-- unpartitioned index: looking a submission id up in response meant one index per year (16 from V1), and the
-- primary key makes "stored exactly once" a rule of the database too. Written by store_submissions (an import's
-- rows have no submission id); a deleted response takes its row here with it.
create table response_submission (
    submission_id uuid primary key,
    agency_id     bigint not null,
    response_id   bigint not null,
    submitted_at  timestamptz not null,
    received_at   timestamptz not null,
    content_hash  varchar,
    quality_flags varchar[] not null
);
insert into response_submission (submission_id, agency_id, response_id, submitted_at, received_at, content_hash,
                                 quality_flags)
select distinct on (submission_id) submission_id, agency_id, id, submitted_at, received_at, content_hash, quality_flags
  from response
 where submission_id is not null
 order by submission_id, id;
drop index response_submission_any_agency_idx;

/* [jooq ignore start] */
create function response_submission_delete() returns trigger language plpgsql as $$
begin
    delete from response_submission s using deleted d
     where s.submission_id = d.submission_id and s.response_id = d.id;
    return null;
end $$;
create trigger response_submission_delete
    after delete on response referencing old table as deleted
    for each statement execute function response_submission_delete();

-- Whether a dossier of an agency has a stored rating. A function, so that the lookup (one index per yearly
-- partition) is planned and run only for a rating that names a dossier.
create function dossier_rated(agency bigint, dossier varchar) returns boolean language plpgsql stable as $$
begin
    return exists (select 1 from response where agency_id = agency and dossier_code = dossier);
end $$;

-- As V7, retries found in response_submission, dossiers looked up only for a rating that names one. Each rating
-- is looked up by index whatever the planner guesses: a plan made while response_submission was small would
-- otherwise read all of it for every batch.
create or replace function classify_submissions(batch jsonb) returns setof submission_outcome language sql stable as $$
    with s as (
        select * from jsonb_populate_recordset(null::submission_in, batch) with ordinality),
    named as (
        select s.*, r.response_id as earlier_id, r.content_hash as earlier_hash, r.submitted_at as earlier_submitted_at,
               r.received_at as earlier_received_at, r.quality_flags as earlier_flags,
               i.id as invitation_id, i.used_at, coalesce(i.dossier_code, s.dossier_code) as dossier
          from s
          left join lateral (
              select r.response_id, r.content_hash, r.submitted_at, r.received_at, r.quality_flags
                from response_submission r
               where r.submission_id = s.submission_id
               limit 1) r on true
          left join lateral (
              select i.id, i.used_at, i.dossier_code
                from invitation i
               where i.token = s.invitation_token
               limit 1) i on true)
    select n.ordinality,
           case when n.earlier_id is not null and n.earlier_hash = n.content_hash then 'replayed'
                when n.earlier_id is not null then 'reused_id'
                when n.invitation_token is not null and n.invitation_id is null then 'invalid_link'
                when n.used_at is not null then 'dossier_rated'
                when n.dossier is not null
                     and (row_number() over (partition by n.agency_id, n.dossier order by n.ordinality) > 1
                          or dossier_rated(n.agency_id, n.dossier))
                     then 'dossier_rated'
                else 'new' end,
           n.earlier_id, n.earlier_submitted_at, n.earlier_received_at, n.earlier_flags, n.dossier, n.invitation_id
      from named n
$$;

-- As V5, invitations looked at only when a rating names one, and each stored rating's submission id kept in
-- response_submission.
create or replace function store_submissions(lock_keys varchar[], batch jsonb, received timestamptz)
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
