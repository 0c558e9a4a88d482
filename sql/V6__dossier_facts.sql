-- Dossier facts: what the one-stop-shop system (the dossier system) knows about the dossiers (hồ sơ) a unit handles
-- and the complaints (phản ánh, kiến nghị) it receives. They come from that system through an API key, never from
-- citizens, and are counts of the whole population rather than a sample: the official indicators computed from them
-- (Decision 766/QĐ-TTg) carry no confidence interval, and the response rates and coverage of the ratings are
-- measured against them.
-- Two grains, as dossier systems report: one row per dossier (sent with its invitation, or later when it is
-- returned), and one row per unit × month of counts. For a unit and month the monthly counts, when sent, are what
-- the dossier system states; otherwise the counts are those of the dossier rows returned in that month
-- (dossier_handled_month says which).

-- One dossier of an agency. The code is the agency's own, as on invitation; sending a dossier again replaces it.
create table dossier (
    agency_id       bigint not null references unit (id),
    dossier_code    varchar not null,
    service_id      bigint references service (id),
    centre_id       bigint references service_centre (id),
    received_on     date not null,
    due_on          date,
    returned_on     date,                   -- null while the dossier is being handled
    on_time         boolean,                -- returned by its due date, as the dossier system judged; null until returned
    complained      boolean not null default false,   -- a complaint or suggestion was made about this dossier
    updated_at      timestamptz not null default now(),
    primary key (agency_id, dossier_code),
    constraint dossier_code_not_blank check (btrim(dossier_code) <> ''),
    constraint dossier_due_after_received check (due_on is null or due_on >= received_on),
    constraint dossier_returned_after_received check (returned_on is null or returned_on >= received_on),
    constraint dossier_on_time_when_returned check (on_time is null or returned_on is not null)
);
create index dossier_returned_idx on dossier (agency_id, returned_on);

-- A unit's counts for one month, as the dossier system reports them. Optional counts are null when not reported.
create table dossier_month (
    unit_id                     bigint not null references unit (id),
    month                       date not null,  -- the first day of the month
    dossiers_handled            integer not null,
    dossiers_late               integer not null,
    complaints_received         integer not null,
    complaints_on_time          integer not null,
    -- complaints whose answer the citizen marked unsatisfied, or that were answered late (each counted once)
    complaints_unsatisfied_or_late integer,
    -- dossiers rated unsatisfied, complained about, or returned late (each counted once)
    dossiers_unsatisfied_complained_or_late integer,
    updated_at                  timestamptz not null default now(),
    primary key (unit_id, month),
    constraint dossier_month_first_day check (extract(day from month) = 1),
    constraint dossier_month_dossiers check (dossiers_handled >= 0 and dossiers_late between 0 and dossiers_handled),
    constraint dossier_month_complaints check (complaints_received >= 0
        and complaints_on_time between 0 and complaints_received),
    constraint dossier_month_complaints_unsatisfied check (complaints_unsatisfied_or_late is null
        or complaints_unsatisfied_or_late between 0 and complaints_received),
    constraint dossier_month_dossiers_faulted check (dossiers_unsatisfied_complained_or_late is null
        or dossiers_unsatisfied_complained_or_late between 0 and dossiers_handled)
);

/* [jooq ignore start] */
-- Dossiers handled and handled late per unit (its own, not its subtree) and month: the monthly counts where the
-- dossier system sent them, else the dossier rows returned in that month. source says which.
create view dossier_handled_month as
select unit_id, month, dossiers_handled as handled, dossiers_late as late, 'month' as source
  from dossier_month
union all
select d.agency_id, date_trunc('month', d.returned_on)::date, count(*)::integer,
       count(*) filter (where not coalesce(d.on_time, d.due_on is null or d.returned_on <= d.due_on))::integer,
       'dossier'
  from dossier d
 where d.returned_on is not null
   and not exists (select 1 from dossier_month m
                    where m.unit_id = d.agency_id and m.month = date_trunc('month', d.returned_on)::date)
 group by d.agency_id, date_trunc('month', d.returned_on)::date;
/* [jooq ignore stop] */

-- An invitation may say where the dossier was received and by which channel the link reaches the citizen (a QR
-- code on the receipt, a link in a message): response rates are shown per centre and channel.
alter table invitation add column centre_id bigint references service_centre (id);
alter table invitation add column channel varchar references channel (code);

-- The dossier system sends its facts with a key of the scope dossiers.
/* [jooq ignore start] */
alter table api_key drop constraint api_key_scopes;
alter table api_key add constraint api_key_scopes
    check (scopes <@ array['invitations', 'import', 'read', 'interviews', 'dossiers']::varchar[]
           and cardinality(scopes) > 0);
/* [jooq ignore stop] */
