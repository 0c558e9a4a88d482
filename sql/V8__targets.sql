-- Targets: what a province plans its units to reach on the index scale (0–100), e.g. "≥ 90 %" in its plan for a
-- year, per questionnaire (SIPAS unless another is named). A unit without a target of its own for a year takes its
-- nearest ancestor's (the province's plan covers every department and commune under it); the API resolves that
-- inheritance, so a unit keeps only the targets set for it. Dashboards compare the index's 95 % interval with it.
create table target (
    unit_id          bigint not null references unit (id),
    year             smallint not null,
    questionnaire_id bigint not null references questionnaire (id),
    value            numeric(5, 2) not null,
    updated_at       timestamptz not null default now(),
    primary key (unit_id, year, questionnaire_id),
    constraint target_value_on_index_scale check (value >= 0 and value <= 100),
    constraint target_year_plausible check (year between 2000 and 2100)
);
