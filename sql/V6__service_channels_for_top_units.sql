-- Aggregate 5 (a procedure by channel, by year) is kept for top units only from now on: below the top, a question
-- about one procedure by channel reads a few thousand responses at most, while rows kept for every unit were about a
-- third of what each fold of the ratings rewrote. The rows other units had go; nothing reads them any more.
--
-- The aggregate set as it is now (vn.hailong.rollup.Aggregate.SET declares it, docs/rollups.md explains it; the list
-- in V5's comment is that of the first design):
--   1  units             nothing more                                   days, months, years   every unit
--   2  channels          channel                                        days, months, years   every unit
--   3  strata            channel, stratum, flagged or not               months, years         every unit
--   4  services          procedure, stratum, flagged or not             months, years         every unit
--   5  service channels  procedure, channel, stratum, flagged or not    years                 top units
--   6  centres           centre, channel, stratum, flagged or not       months, years         every unit
--   7  service days      procedure                                      days                  top units
/* [jooq ignore start] */
delete from rollup r
 using unit u
 where r.aggregate = 5
   and u.id = r.unit_id
   and u.parent_id is not null;
/* [jooq ignore stop] */
