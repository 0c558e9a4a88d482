-- Storing a batch of ratings in one statement (vn.hailong.collect.SubmissionBatch; docs/scaling.md, "Ingestion").
-- V3's store_submissions ran a batch as two nested functions and a dozen statements, reading the batch's JSON three
-- times. store_ratings takes the batch's locks in one statement and then checks and stores it in one
-- more: the ratings, their submission ids, their invitations and their pending rollup rows, or nothing when any of
-- them is not new.
-- The keys of the two response-scale tables written here now carry the agency, the column a distributed PostgreSQL
-- would shard them by (docs/scaling.md, db.CitusCompatibilityTest). A submission id is still used once, whatever the
-- agency: its lookup reads the key's first column (on Citus, a query of every shard; docs/scaling.md).

/* [jooq ignore start] */
alter table response_submission drop constraint response_submission_pkey;
alter table response_submission add constraint response_submission_pkey primary key (submission_id, agency_id);
alter table rollup_pending drop constraint rollup_pending_pkey;
alter table rollup_pending add constraint rollup_pending_pkey primary key (id, agency_id);

drop function store_submissions(varchar[], jsonb, timestamptz, bigint[], date[], bigint[], bigint[], bigint[],
                                varchar[], varchar[], boolean[], bigint[], bytea[]);
drop function store_submissions(varchar[], jsonb, timestamptz);
drop function classify_submissions(jsonb);

-- The outcome of each rating of a batch, read-only: new, a replay of a stored one (same submission id and agency,
-- same content), or refused (reused_id, invalid_link, dossier_rated). Each rating looks its submission id and its
-- invitation up by index, whatever the planner guesses of the batch's size. Within a batch, the first rating of a
-- dossier wins. A submission id names one rating whatever its agency: the same id sent for another agency is a
-- reused id (cases.Cases.bySubmission and POST /responses/{submissionId}/contact find a rating by its id alone).
create function classify_ratings(batch jsonb) returns setof submission_outcome language sql stable as $$
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

-- Checks and stores a batch of ratings, with the pending rollup rows it adds (rollup_pending, V5; one row per daily
-- key, each array one column). lock_keys (sorted) name each submission id and dossier of the batch: the same rating
-- sent to two writers (or two servers) at once waits for the first, then finds it. The locks are taken by a
-- statement of their own, so that the checking statement's snapshot, taken after them, sees what the first writer
-- committed. The ratings are stored only when every one is new: otherwise nothing is written, each rating's outcome
-- is returned ('new' for those that would have been stored), and the caller sends the new ones again, with their
-- own rollup rows. Run alone, the call is its own transaction.
create function store_ratings(lock_keys varchar[], batch jsonb, received timestamptz,
                              pending_agency bigint[], pending_day date[], pending_version bigint[],
                              pending_service bigint[], pending_centre bigint[], pending_channel varchar[],
                              pending_stratum varchar[], pending_flagged boolean[], pending_responses bigint[],
                              pending_packed bytea[])
returns setof submission_outcome language plpgsql as $$
declare
    k varchar;
begin
    perform pg_advisory_xact_lock(hashtextextended(l, 0)) from unnest(lock_keys) as l;
    if jsonb_path_exists(batch, '$[*].invitation_token ? (@ != null)') then
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
    return query
    with c as materialized (
        select * from classify_ratings(batch)),
    ok as (
        select not exists (select from c where c.outcome <> 'new') as all_new),
    s as (
        select * from jsonb_populate_recordset(null::submission_in, batch) with ordinality),
    used as (
        update invitation set used_at = received
         where id in (select c.invitation_id from c where c.invitation_id is not null)
           and (select all_new from ok)),
    stored as (
        insert into response (agency_id, submitted_at, questionnaire_version_id, service_id, centre_id, counter_id,
                              channel, submission_id, content_hash, dossier_code, stratum, answers, profile, comment,
                              client_started_at, client_submitted_at, quality_flags, device_id, received_at,
                              survey_link_id)
        select s.agency_id, s.submitted_at, s.questionnaire_version_id, s.service_id, s.centre_id, s.counter_id,
               s.channel, s.submission_id, s.content_hash, c.dossier_code, s.stratum, s.answers, s.profile, s.comment,
               s.client_started_at, s.client_submitted_at, coalesce(s.quality_flags, '{}'), s.device_id, received,
               s.survey_link_id
          from s
          join c on c.ordinal = s.ordinality
         where (select all_new from ok)
        returning id, agency_id, submission_id, submitted_at, content_hash, quality_flags),
    kept as (
        insert into response_submission (submission_id, agency_id, response_id, submitted_at, received_at,
                                         content_hash, quality_flags)
        select st.submission_id, st.agency_id, st.id, st.submitted_at, received, st.content_hash, st.quality_flags
          from stored st),
    pending as (
        insert into rollup_pending (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum,
                                    flagged, responses, packed)
        select * from unnest(pending_agency, pending_day, pending_version, pending_service, pending_centre,
                             pending_channel, pending_stratum, pending_flagged, pending_responses, pending_packed)
         where (select all_new from ok))
    select c.ordinal,
           (case when st.id is not null then 'created' else c.outcome end)::varchar,
           coalesce(st.id, c.response_id),
           coalesce(st.submitted_at, c.submitted_at),
           case when st.id is not null then received else c.received_at end,
           coalesce(st.quality_flags, c.quality_flags),
           c.dossier_code,
           c.invitation_id
      from c
      join s on s.ordinality = c.ordinal
      left join stored st on st.submission_id = s.submission_id and st.agency_id = s.agency_id;
end $$;
/* [jooq ignore stop] */
