-- Year partitions of response made while the server runs, and a schema a distributed PostgreSQL (Citus) can take.
--
-- Partitions (docs/scaling.md, "Partitions while running"): ensure_response_partitions is called at start-up, once a
-- day by every process's schedule (vn.hailong.db.ResponsePartitions.Job) and, should a rating come for a year without
-- a partition, by the writer that met the refusal. Two processes may call it at the same moment: a partition that
-- exists is passed over without touching response, and the making of a missing one is one at a time (advisory lock
-- vn.hailong.db.Locks.PARTITIONS), so neither fails on the other's table.

/* [jooq ignore start] */
create or replace function ensure_response_partitions(from_year integer, to_year integer) returns void
language plpgsql as $$
declare
    y integer;
begin
    for y in from_year .. to_year loop
        continue when to_regclass('response_y' || y) is not null;
        perform pg_advisory_xact_lock(1212950531); -- Locks.PARTITIONS
        begin
            execute format(
                'create table if not exists %I partition of response for values from (%L) to (%L)',
                'response_y' || y,
                make_timestamptz(y, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh'),
                make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh'));
        exception when duplicate_table or unique_violation then
            null; -- made by another transaction meanwhile
        end;
    end loop;
end $$;
/* [jooq ignore stop] */

-- A schema Citus can distribute (docs/scaling.md, "Towards a distributed PostgreSQL"; checked by
-- vn.hailong.db.CitusCompatibilityTest). The tables that grow with the ratings are distributed by the unit a row
-- belongs to (agency_id; unit_id in rollup and dossier_month), so one agency's rows are on one node, and Citus
-- enforces a primary key or unique constraint only where it includes that column. The keys below gain it, second:
-- a lookup by the id alone still reads the index's first column, so nothing on one PostgreSQL gets slower, and an id
-- made by an identity column or a random token stays unique in practice.

-- An invitation: by (id, agency) and (token, agency); the citizen's link still finds it by its token alone.
/* [jooq ignore start] */
alter table invitation drop constraint invitation_pkey;
alter table invitation add constraint invitation_pkey primary key (id, agency_id);
alter table invitation drop constraint invitation_token_key;
alter table invitation add constraint invitation_token_key unique (token, agency_id);
/* [jooq ignore stop] */

-- Follow-up cases and what hangs on them: a case's events and contact carry its agency, and point to it by
-- (id, agency), so a case, its events and its contact are on the node of its agency and its ratings.
alter table case_event add column agency_id bigint;
alter table case_contact add column agency_id bigint;
/* [jooq ignore start] */
update case_event e set agency_id = c.agency_id from follow_up_case c where c.id = e.case_id;
update case_contact x set agency_id = c.agency_id from follow_up_case c where c.id = x.case_id;
alter table case_event alter column agency_id set not null;
alter table case_contact alter column agency_id set not null;
alter table case_event drop constraint case_event_case_id_fkey;
alter table case_contact drop constraint case_contact_case_id_fkey;
alter table case_contact drop constraint case_contact_pkey;
alter table case_event drop constraint case_event_pkey;
alter table follow_up_case drop constraint follow_up_case_pkey;
alter table follow_up_case add constraint follow_up_case_pkey primary key (id, agency_id);
alter table case_event add constraint case_event_pkey primary key (id, agency_id);
alter table case_contact add constraint case_contact_pkey primary key (case_id, agency_id);
alter table case_event add constraint case_event_case_fkey
    foreign key (case_id, agency_id) references follow_up_case (id, agency_id);
alter table case_contact add constraint case_contact_case_fkey
    foreign key (case_id, agency_id) references follow_up_case (id, agency_id);

-- The case trigger (V12) as it was, its opening events now with their agency.
create or replace function follow_up_case_open() returns trigger language plpgsql as $$
begin
    if current_setting('hailong.open_cases', true) = 'off' then
        return null;
    end if;
    with candidate as (
        select i.agency_id, i.id, i.submitted_at, i.questionnaire_version_id, i.answers, i.comment
          from inserted i
         where i.external_id is null),
    opened as (
        insert into follow_up_case (agency_id, response_id, submitted_at, opened_at, due_on)
        select c.agency_id, c.id, c.submitted_at, now(),
               add_working_days((now() at time zone 'Asia/Ho_Chi_Minh')::date, case_working_days(c.agency_id))
          from candidate c
          join follow_up_rule r on r.version_id = c.questionnaire_version_id
         where c.answers[r.overall_position] is not null
           and 2 * c.answers[r.overall_position] <= r.levels
           and ((c.comment is not null and btrim(c.comment) <> '')
                or (r.reason_position is not null and c.answers[r.reason_position] is not null))
        on conflict on constraint follow_up_case_response do nothing
        returning id, agency_id)
    insert into case_event (case_id, agency_id, actor, action, to_status)
    select id, agency_id, 'system', 'opened', 'new' from opened;
    return null;
end $$;
/* [jooq ignore stop] */
