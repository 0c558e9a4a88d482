-- A pending rollup row (V9) is what a batch of ratings adds, inserted with them by store_submissions (V13): its agency
-- and questionnaire version are the ratings', which their own foreign keys have just checked. Checked again here, they
-- took two lookups (and a share lock on the unit) per row, about half the cost of inserting it. Folded into the daily,
-- summary and cut rows, whose foreign keys stay, within a second or so.
/* [jooq ignore start] */
alter table rollup_pending drop constraint if exists rollup_pending_agency_id_fkey;
alter table rollup_pending drop constraint if exists rollup_pending_questionnaire_version_id_fkey;
/* [jooq ignore stop] */
