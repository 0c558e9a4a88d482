-- Every rollup row holds its counts and sums packed (vn.hailong.rollup.PackedStatistics), as pending rows do since
-- V13: a SIPAS row is a few hundred bytes to a few kilobytes, stored and read as it is. As two arrays it was 7 KB
-- that pglz compressed on every write (about 190 µs a row) and decompressed on every read. The rows there are now
-- are packed by V17 (in Java, the format's one writer) and the arrays dropped by V18.
alter table rollup_daily add column packed bytea;
alter table rollup_daily alter column counts drop not null;
alter table rollup_daily alter column sums drop not null;
alter table rollup_summary add column packed bytea;
alter table rollup_summary alter column counts drop not null;
alter table rollup_summary alter column sums drop not null;
alter table rollup_cut add column packed bytea;
alter table rollup_cut alter column counts drop not null;
alter table rollup_cut alter column sums drop not null;
