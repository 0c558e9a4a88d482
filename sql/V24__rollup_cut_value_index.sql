-- A service's rows of a top unit (or a centre's, or a channel's) over a range of days or months: since migration 23
-- the top units' service rows are kept per day too, a row per service, channel and day. Found by (cut, own, months,
-- period) alone, every service's rows of those days were read to keep one service's; by value, only its own.
create index rollup_cut_value_idx on rollup_cut (cut, value, months, period) where not own;
