-- Pending rollup rows (V9) hold their counts and sums packed (vn.hailong.rollup.PackedStatistics): a few hundred
-- bytes that PostgreSQL stores as they come, where the two arrays, 7 KB, went through pglz on every insert. The
-- rows pending now are packed by V14 (in Java, the format's one writer) and the arrays dropped by V15.
alter table rollup_pending add column packed bytea;
alter table rollup_pending alter column counts drop not null;
alter table rollup_pending alter column sums drop not null;
/* [jooq ignore start] */
alter table rollup_pending alter column packed set storage main;

-- V12's store_submissions and the ratings' pending rollup rows in one call, so that a writer's round is one round
-- trip: run alone, the call is its own transaction. The pending rows (one per daily key, each array one column) are
-- what the batch adds when every rating in it is new; they are inserted only when V12's function stored them all.
create function store_submissions(lock_keys varchar[], batch jsonb, received timestamptz,
                                  pending_agency bigint[], pending_day date[], pending_version bigint[],
                                  pending_service bigint[], pending_centre bigint[], pending_channel varchar[],
                                  pending_stratum varchar[], pending_flagged boolean[], pending_responses bigint[],
                                  pending_packed bytea[])
returns setof submission_outcome language plpgsql as $$
declare
    outcomes submission_outcome[];
begin
    select array_agg(o order by o.ordinal) into outcomes from store_submissions(lock_keys, batch, received) as o;
    if not exists (select 1 from unnest(outcomes) as o where o.outcome <> 'created') then
        insert into rollup_pending (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum,
                                    flagged, responses, packed)
        select * from unnest(pending_agency, pending_day, pending_version, pending_service, pending_centre,
                             pending_channel, pending_stratum, pending_flagged, pending_responses, pending_packed);
    end if;
    return query select * from unnest(outcomes);
end $$;
/* [jooq ignore stop] */
