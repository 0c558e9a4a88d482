-- Rollup rows compressed in their heap page. A SIPAS rollup row holds 237 counts and 652 sums, 7 KB as
-- plain arrays of mostly small whole numbers; pglz makes them about 0.4 KB (a daily row) to 1 KB (a year of a
-- province). V5 kept them uncompressed to spare the compression on each update; but at 7 KB a row every
-- update wrote a whole page to the heap and the WAL, and a few million daily rows would fill tens of
-- gigabytes. Storage main compresses the arrays and keeps them in the row (TOAST only if a row still did
-- not fit a page); a target of 128 bytes makes every row that reaches the toaster (over 2 KB) compressed.
-- Room left in each page lets an update stay in its page (HOT), without touching the indexes.
/* [jooq ignore start] */
alter table rollup_daily alter column counts set storage main, alter column sums set storage main;
alter table rollup_summary alter column counts set storage main, alter column sums set storage main;
alter table rollup_daily set (toast_tuple_target = 128, fillfactor = 75);
alter table rollup_summary set (toast_tuple_target = 128, fillfactor = 75);
/* [jooq ignore stop] */
