-- Every rollup row is packed now (V16, V17): the arrays go. A packed row is stored as it is, in its page: it is
-- compressed only if it would not fit one (a target of 8160 bytes), so no write goes through pglz. The room left
-- in each page (V8, V10) still lets an update stay in its page.
alter table rollup_daily alter column packed set not null;
alter table rollup_daily drop column counts;
alter table rollup_daily drop column sums;
alter table rollup_summary alter column packed set not null;
alter table rollup_summary drop column counts;
alter table rollup_summary drop column sums;
alter table rollup_cut alter column packed set not null;
alter table rollup_cut drop column counts;
alter table rollup_cut drop column sums;
/* [jooq ignore start] */
alter table rollup_daily alter column packed set storage main;
alter table rollup_summary alter column packed set storage main;
alter table rollup_cut alter column packed set storage main;
alter table rollup_pending alter column packed set storage main;
alter table rollup_daily set (toast_tuple_target = 8160);
alter table rollup_summary set (toast_tuple_target = 8160);
alter table rollup_cut set (toast_tuple_target = 8160);
alter table rollup_pending set (toast_tuple_target = 8160);
/* [jooq ignore stop] */
