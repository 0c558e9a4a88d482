-- Every pending rollup row is packed now (V13, V14): the arrays go.
alter table rollup_pending alter column packed set not null;
alter table rollup_pending drop column counts;
alter table rollup_pending drop column sums;
