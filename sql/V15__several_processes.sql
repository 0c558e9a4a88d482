-- What several application processes on one database share beyond the rows they serve (docs/scaling.md, "Several
-- processes on one database").

-- The catalogue's version: one row, bumped by every statement that changes what a rating's codes resolve to (units and
-- their history, procedures, centres, counters, survey links, questionnaire versions), in that statement's transaction.
-- Each process remembers resolved codes (vn.hailong.collect.Directory) and reads this row at most once a second: a
-- change committed on one process is seen by every other within about a second, never before its commit. The bump is
-- taken before the statement touches a row, so catalogue writers queue on this row first and cannot deadlock on it.
create table directory_version (
    id      smallint primary key default 1 check (id = 1),
    version bigint not null default 0
);
insert into directory_version default values;

/* [jooq ignore start] */
create function directory_changed() returns trigger language plpgsql as $$
begin
    update directory_version set version = version + 1 where id = 1;
    return null;
end $$;

create trigger directory_changed before insert or update or delete or truncate on unit
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on unit_former_code
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on unit_event
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on unit_placement
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on service_field
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on service
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on service_centre
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on counter
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on survey_link
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on questionnaire
    for each statement execute function directory_changed();
create trigger directory_changed before insert or update or delete or truncate on questionnaire_version
    for each statement execute function directory_changed();
/* [jooq ignore stop] */

-- Sign-in throttling (vn.hailong.auth.LoginThrottle), shared by every process, so that N processes do not give a
-- guesser N times the attempts. One row per counter: a user name ('u:'), a browser that signed in as it before
-- ('d:'), a client address ('c:'). in_flight counts attempts under way; a process killed during one leaves it
-- counted, so attempts begun more than a minute ago (in_flight_since) no longer count. Rows are deleted an hour
-- after their last failure.
create table login_throttle (
    key             varchar primary key,
    failures        integer not null default 0 check (failures >= 0),
    in_flight       integer not null default 0 check (in_flight >= 0),
    last_failure    timestamptz not null default '1970-01-01 00:00:00+00',
    in_flight_since timestamptz
);
create index login_throttle_last_idx on login_throttle (last_failure);

-- Secrets every process must share, made once by whichever process needs one first: the key of the device cookies
-- (vn.hailong.auth.DeviceCookies), so a browser trusted on one process is trusted on all; the day's secret of the
-- client hashes sign-in throttling counts by (vn.hailong.auth.ClientHash, 'client-hash:<day>', yesterday's deleted).
create table server_secret (
    name   varchar primary key,
    secret bytea not null
);
