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
