package vn.hailong.analytics.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import vn.hailong.rollup.Rollups;

/**
 * Adds SIPAS responses to the demo province straight in PostgreSQL, with INSERT … SELECT over generate_series:
 * the demo's agencies (as often as in the demo, at its centre and counter), each agency's services (a few used
 * far more than the rest, stratum = the service's field), channels, working days of the demo's three years, and
 * answers drawn from the demo's latent model (a respondent's mood, criterion offsets, some N/A, some comments,
 * a few straight-liners flagged), a window of days at a time, each window's rollups added as submissions add
 * theirs.
 */
final class GeneratedResponses {
    /** Element offsets of TC1..PA3, as in the demo's generator. */
    private static final double[] CRITERION_OFFSET = {
            0.15, -0.10, -0.25, 0.05, -0.30, 0.10, -0.35, 0.40, 0.20, 0.30, 0.00, 0.25, 0.20, -0.30, -0.40, -0.50};

    private final Connection connection;
    private final long sipasVersion;
    private final int firstYear;
    private final int lastYear;

    GeneratedResponses(Connection connection, long sipasVersion, int firstYear, int lastYear) {
        this.connection = connection;
        this.sipasVersion = sipasVersion;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
    }

    /**
     * Inserts {@code count} responses, {@code windowDays} working days at a time (as many responses a day
     * throughout), each window in one transaction that also adds its responses to the rollups as submissions
     * do (Rollups.Additions, read back with RETURNING): so the Java heap holds one window's rollup rows, and no
     * rebuild of whole years is needed. Reports the total after each window.
     */
    void insert(long count, int windowDays, Rollups rollups, LongConsumer progress) throws SQLException {
        prepare();
        var all = workingDays();
        var bounds = connection.createArrayOf("float8", agencyBounds());
        var offsets = connection.createArrayOf("float8", boxed(CRITERION_OFFSET));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long done = 0;
            for (int first = 0; first < all.size(); first += windowDays) {
                int last = Math.min(all.size(), first + windowDays);
                int n = (int) (count * last / all.size() - done);
                if (n == 0) {
                    continue;
                }
                var days = connection.createArrayOf("text", all.subList(first, last).stream().map(LocalDate::toString)
                        .toArray());
                var additions = rollups.additions();
                try (var insert = connection.prepareStatement(INSERT_SQL)) {
                    insert.setArray(1, days);
                    insert.setArray(2, bounds);
                    insert.setArray(3, offsets);
                    insert.setInt(4, firstYear);
                    insert.setLong(5, sipasVersion);
                    insert.setInt(6, n);
                    try (var r = insert.executeQuery()) {
                        while (r.next()) {
                            additions.add(Rollups.Key.of(r.getLong(1), r.getObject(2, OffsetDateTime.class), r.getLong(3),
                                    r.getObject(4, Long.class), r.getObject(5, Long.class), r.getString(6),
                                    r.getString(7), r.getBoolean(8)), shorts((Object[]) r.getArray(9).getArray()));
                        }
                    }
                }
                additions.addToRollups(connection);
                connection.commit();
                done += n;
                progress.accept(done);
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Short[] shorts(Object[] values) {
        var out = new Short[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? null : ((Number) values[i]).shortValue();
        }
        return out;
    }

    /**
     * The session's helpers: agencies with their weight, centre, counter and level (from the demo's responses),
     * their services numbered 1..k, the demo's comments split by how pleased their writers were, and the cut into levels.
     */
    private void prepare() throws SQLException {
        try (var s = connection.createStatement()) {
            s.execute("""
                    create temp table if not exists bench_agency as
                    select row_number() over (order by agency_id) as idx, agency_id, centre_id, counter_id,
                           count(*) as responses,
                           -- the demo's latent level, roughly: its mean overall answer less 3.46 (see ResponseGenerator)
                           avg(answers[17]) - 3.46 as quality,
                           (select count(*) from unit_service us where us.unit_id = r.agency_id) as services
                      from response r
                     where questionnaire_version_id = %d
                     group by agency_id, centre_id, counter_id""".formatted(sipasVersion));
            s.execute("""
                    create temp table if not exists bench_service as
                    select us.unit_id as agency_id, row_number() over (partition by us.unit_id order by s.id) as n,
                           s.id as service_id, f.code as field
                      from unit_service us
                      join service s on s.id = us.service_id
                      join service_field f on f.id = s.field_id""");
            s.execute("""
                    create temp table if not exists bench_comment as
                    select array_agg(distinct comment) filter (where answers[17] >= 4) as pleased,
                           array_agg(distinct comment) filter (where answers[17] < 4) as displeased
                      from response
                     where comment is not null and questionnaire_version_id = %d""".formatted(sipasVersion));
            s.execute("analyze bench_agency");
            s.execute("analyze bench_service");
            // The demo's levels: the latent value cut at fixed thresholds (ResponseGenerator.CUTS).
            s.execute("""
                    create or replace function pg_temp.level(x double precision) returns smallint
                    language sql immutable as $$
                        select (1 + (x > -1.9)::int + (x > -0.9)::int + (x > 0)::int + (x > 1.2)::int)::smallint
                    $$""");
        }
    }

    private static final String INSERT_SQL = """
            with p as materialized (
                select ?::date[] as days, ?::float8[] as bounds, ?::float8[] as offsets, ?::int as first_year)
            insert into response (agency_id, submitted_at, questionnaire_version_id, service_id, centre_id, counter_id,
                                  channel, submission_id, content_hash, stratum, answers, profile, comment,
                                  client_started_at, client_submitted_at, quality_flags, received_at)
            select a.agency_id, m.at, v.version, s.service_id, a.centre_id, a.counter_id,
                   case when m.r_channel < 0.45 then 'kiosk' when m.r_channel < 0.70 then 'qr'
                        when m.r_channel < 0.90 then 'web' else 'interview' end, gen_random_uuid(),
                   'generated', s.field, x.answers,
                   case when m.r_profile < 0.6 then jsonb_build_object(
                       'sex', case when random() < 0.5 then 'female' else 'male' end,
                       'ageBand', (array['18-29', '30-44', '45-59', '60+'])[1 + floor(random() * 4)::int]) end,
                   case when m.r_comment < 0.08 then case
                       when x.answers[17] >= 4 then c.pleased[1 + floor(random() * cardinality(c.pleased))::int]
                       else c.displeased[1 + floor(random() * cardinality(c.displeased))::int] end end,
                   m.at - make_interval(secs => 40 + floor(random() * 200)), m.at,
                   case when m.straight then '{straightline}'::varchar[] else '{}'::varchar[] end, m.at
              from p
              cross join bench_comment c
              cross join (select ?::bigint as version) v
              cross join lateral (
                  -- one row per response, its random draws taken once (volatile columns keep the subquery apart)
                  select width_bucket(random(), p.bounds) as agency,
                         d.day,
                         (d.day + time '07:30' + random() * interval '9 hours 30 minutes')
                             at time zone 'Asia/Ho_Chi_Minh' as at,
                         extract(year from d.day)::int - p.first_year as year_index,
                         random() as r_service, random() as r_profile, random() as r_comment,
                         random() as r_channel,
                         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as z,
                         random() < 0.15 as never_feedback, random() < 0.4 as expects,
                         random() < 0.7 as incidents, random() < 0.01 as straight
                    from generate_series(1, ?) i
                    cross join lateral (select p.days[1 + floor(random() * cardinality(p.days))::int + 0 * i] as day) d
              ) m
              join bench_agency a on a.idx = m.agency
              -- a few services of each agency are used far more than the rest (the square skews towards 1)
              join bench_service s on s.agency_id = a.agency_id
                                  and s.n = 1 + floor(power(m.r_service, 2) * a.services)::int
              cross join lateral (
                  select array_agg(case
                             when m.straight and k <= 17 then pg_temp.level(mood.v + 0.2)
                             when k <= 16 and e.u < case when k >= 14 then case when m.never_feedback then 1 else 0.03 end
                                                         when k = 3 then 0.05 else 0.015 end then null
                             when k <= 16 then pg_temp.level(e.x + p.offsets[k])
                             when k = 17 then pg_temp.level(mood.v + 0.2 + 0.6 * e.z)
                             when k <= 27 then case when m.expects then 1 + least(3, floor(e.u * 4.6)::int) end
                             when k = 28 then case when m.incidents then
                                 case when e.u < 0.02 + 0.03 * greatest(0, -mood.v) then 1
                                      when e.u < 0.97 then 2 else 3 end end
                             else case when m.incidents then case when e.u < 0.12 then 1 else 2 end end
                         end::smallint order by k) as answers
                    from (select a.quality + 0.10 * m.year_index + 0.9 * m.z as v) mood
                    cross join lateral (
                        -- per answer: a latent value and a uniform draw, taken once
                        select k, mood.v + 0.8 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as x,
                               sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as z, random() as u
                          from generate_series(1, 29) k) e
              ) x
            returning agency_id, submitted_at, questionnaire_version_id, service_id, centre_id, channel, stratum,
                      cardinality(quality_flags) > 0, answers""";

    /** One line per year and origin (demo or generated), to see the generated answers look like the demo's. */
    void describe() throws SQLException {
        try (var s = connection.createStatement();
             var r = s.executeQuery("""
                     select extract(year from submitted_at at time zone 'Asia/Ho_Chi_Minh')::int,
                            content_hash = 'generated', count(*), avg(answers[17]),
                            avg((select count(*) from unnest(answers[1:16]) a where a is null)) / 16,
                            avg((comment is not null)::int), avg((cardinality(quality_flags) > 0)::int),
                            avg((channel = 'kiosk')::int), count(distinct service_id)
                       from response
                      where questionnaire_version_id = %d
                      group by 1, 2
                      order by 1, 2""".formatted(sipasVersion))) {
            System.out.println("  year  origin        responses  mean HL  N/A of 16  commented  flagged  kiosk  services");
            while (r.next()) {
                System.out.printf("  %d  %-10s %,12d %8.2f %9.1f%% %9.1f%% %7.1f%% %5.0f%% %9d%n", r.getInt(1),
                        r.getBoolean(2) ? "generated" : "demo", r.getLong(3), r.getDouble(4), 100 * r.getDouble(5),
                        100 * r.getDouble(6), 100 * r.getDouble(7), 100 * r.getDouble(8), r.getInt(9));
            }
        }
    }

    /** Mondays to Fridays of the demo's years. */
    private List<LocalDate> workingDays() {
        var days = new ArrayList<LocalDate>();
        for (var d = LocalDate.of(firstYear, 1, 1); d.getYear() <= lastYear; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    /** Lower bounds of each agency's share of [0, 1), by its number of demo responses, in idx order. */
    private Object[] agencyBounds() throws SQLException {
        try (var s = connection.createStatement();
             var r = s.executeQuery("select coalesce(sum(responses) over (order by idx rows between unbounded preceding"
                     + " and 1 preceding), 0)::float8 / sum(responses) over () from bench_agency order by idx")) {
            var bounds = new ArrayList<Object>();
            while (r.next()) {
                bounds.add(r.getDouble(1));
            }
            return bounds.toArray();
        }
    }

    private static Object[] boxed(double[] values) {
        var out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
