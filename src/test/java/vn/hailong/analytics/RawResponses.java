package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jooq.DSLContext;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.stats.Comparison;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Rankings;
import vn.hailong.stats.Response;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.stats.YearOnYear;
import vn.hailong.survey.Forms;

/**
 * The oracle the analytics API is held to: every response read straight from the response table, filtered and
 * grouped here in Java as the API's parameters say, and handed to the statistics core. Never reads a rollup.
 */
final class RawResponses {
    /** One stored response; service and centre 0 when it names none, levels in its instrument's order (0 = N/A). */
    record Row(long agency, LocalDate day, long version, long service, long centre, String channel, String stratum,
               boolean flagged, String comment, int[] levels) {
    }

    /** A population total as PUT to /api/v1/population. */
    record Total(long unit, int year, String stratum, double total) {
    }

    final List<Row> rows = new ArrayList<>();
    final Map<Long, Instrument> instruments = new HashMap<>();
    final Map<String, Long> units = new HashMap<>();
    final Map<String, Long> services = new HashMap<>();
    final Map<String, Long> centres = new HashMap<>();
    private final Map<Long, Long> parents = new HashMap<>();

    static RawResponses read(DSLContext dsl) {
        var raw = new RawResponses();
        var forms = new Forms(dsl);
        dsl.fetch("select id, code, parent_id from unit").forEach(r -> {
            raw.units.put(r.get(1, String.class), r.get(0, Long.class));
            raw.parents.put(r.get(0, Long.class), r.get(2, Long.class));
        });
        dsl.fetch("select id, code from service").forEach(r -> raw.services.put(r.get(1, String.class), r.get(0, Long.class)));
        dsl.fetch("select id, code from service_centre").forEach(r -> raw.centres.put(r.get(1, String.class), r.get(0, Long.class)));
        for (var r : dsl.fetch("select agency_id, (submitted_at at time zone 'Asia/Ho_Chi_Minh')::date,"
                + " questionnaire_version_id, coalesce(service_id, 0), coalesce(centre_id, 0), channel, coalesce(stratum, ''),"
                + " cardinality(quality_flags) > 0, comment, answers from response")) {
            long version = r.get(2, Long.class);
            var form = forms.published(version).orElseThrow();
            var instrument = form.instrument().orElseThrow();
            raw.instruments.put(version, instrument);
            var answers = (Short[]) r.get(9, Short[].class);
            var levels = new int[instrument.criteria().size()];
            for (int i = 0; i < levels.length; i++) {
                var answer = answers[form.questions().get(instrument.criteria().get(i)).position() - 1];
                levels[i] = answer == null ? 0 : answer;
            }
            raw.rows.add(new Row(r.get(0, Long.class), r.get(1, LocalDate.class), version, r.get(3, Long.class),
                    r.get(4, Long.class), r.get(5, String.class), r.get(6, String.class), r.get(7, Boolean.class),
                    r.get(8, String.class), levels));
        }
        return raw;
    }

    /** The ids of a unit and every unit below it. */
    Set<Long> subtree(long unit) {
        var ids = new HashSet<Long>();
        for (var id : parents.keySet()) {
            for (Long u = id; u != null; u = parents.get(u)) {
                if (u == unit) {
                    ids.add(id);
                    break;
                }
            }
        }
        return ids;
    }

    /** The rows a query's filters select: from, to, unit, service, centre, channel and excludeFlagged, by code. */
    Predicate<Row> filter(Map<String, String> query) {
        Predicate<Row> keep = r -> true;
        if (query.containsKey("from")) {
            var from = LocalDate.parse(query.get("from"));
            keep = keep.and(r -> !r.day().isBefore(from));
        }
        if (query.containsKey("to")) {
            var to = LocalDate.parse(query.get("to"));
            keep = keep.and(r -> !r.day().isAfter(to));
        }
        if (query.containsKey("unit")) {
            var subtree = subtree(units.get(query.get("unit")));
            keep = keep.and(r -> subtree.contains(r.agency()));
        }
        if (query.containsKey("service")) {
            long service = services.get(query.get("service"));
            keep = keep.and(r -> r.service() == service);
        }
        if (query.containsKey("centre")) {
            long centre = centres.get(query.get("centre"));
            keep = keep.and(r -> r.centre() == centre);
        }
        if (query.containsKey("channel")) {
            var channel = query.get("channel");
            keep = keep.and(r -> r.channel().equals(channel));
        }
        if ("true".equals(query.get("excludeFlagged"))) {
            keep = keep.and(r -> !r.flagged());
        }
        return keep;
    }

    /** A group's key as the API names it: one part per dimension of groupBy. */
    static String key(List<String> groupBy, Row r) {
        var parts = new ArrayList<String>();
        for (var d : groupBy) {
            parts.add(switch (d) {
                case "unit" -> String.valueOf(r.agency());
                case "service" -> String.valueOf(r.service());
                case "centre" -> String.valueOf(r.centre());
                case "channel" -> r.channel();
                case "year" -> String.valueOf(r.day().getYear());
                case "quarter" -> r.day().getYear() + "-Q" + ((r.day().getMonthValue() + 2) / 3);
                case "month" -> String.format("%d-%02d", r.day().getYear(), r.day().getMonthValue());
                default -> throw new IllegalArgumentException(d);
            });
        }
        return String.join("|", parts);
    }

    /** The same key read from an API group ({"unit": {"id": …}, "year": 2025, …}). */
    static String key(List<String> groupBy, JsonNode group) {
        var parts = new ArrayList<String>();
        for (var d : groupBy) {
            var value = group.get(d);
            parts.add(switch (d) {
                case "unit", "service", "centre" -> value.isNull() ? "0" : value.get("id").asText();
                default -> value.asText();
            });
        }
        return String.join("|", parts);
    }

    /** Sufficient statistics per group of the rows a query selects, of the versions given (keys in order). */
    Map<String, SufficientStatistics> groups(Map<String, String> query, List<Long> versions, Instrument instrument) {
        var groupBy = groupBy(query.get("groupBy"));
        var builders = new TreeMap<String, SufficientStatistics.Builder>();
        rows.stream().filter(filter(query)).filter(r -> versions.contains(r.version())).forEach(r -> builders
                .computeIfAbsent(key(groupBy, r), k -> SufficientStatistics.builder(instrument))
                .add(response(r, instrument)));
        var out = new LinkedHashMap<String, SufficientStatistics>();
        builders.forEach((k, b) -> out.put(k, b.build()));
        return out;
    }

    /** A row as the statistics core sees it under an instrument of some of its criteria (the others dropped). */
    Response response(Row r, Instrument instrument) {
        var own = instruments.get(r.version()).criteria();
        var levels = new int[instrument.criteria().size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = r.levels()[own.indexOf(instrument.criteria().get(i))];
        }
        return new Response(r.stratum(), levels);
    }

    static List<String> groupBy(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.split(","));
    }

    /**
     * N_h of a group as Population documents it: the totals of the units below the group's unit (else the unit
     * filter's, else all) over the years the group spans (its year, else the filter's years, else all).
     */
    Map<String, Double> totals(List<Total> totals, Map<String, String> query, JsonNode group) {
        var groupBy = groupBy(query.get("groupBy"));
        Set<Long> covered = query.containsKey("unit") ? subtree(units.get(query.get("unit"))) : null;
        Integer firstYear = query.containsKey("from") ? LocalDate.parse(query.get("from")).getYear() : null;
        Integer lastYear = query.containsKey("to") ? LocalDate.parse(query.get("to")).getYear() : null;
        for (var d : groupBy) {
            switch (d) {
                case "unit" -> covered = subtree(group.get("unit").get("id").asLong());
                case "year", "quarter", "month" -> {
                    firstYear = Integer.valueOf(group.get(d).asText().substring(0, 4));
                    lastYear = firstYear;
                }
                default -> {
                }
            }
        }
        var sums = new HashMap<String, Double>();
        for (var t : totals) {
            if ((covered == null || covered.contains(t.unit())) && (firstYear == null || t.year() >= firstYear)
                    && (lastYear == null || t.year() <= lastYear)) {
                sums.merge(t.stratum(), t.total(), Double::sum);
            }
        }
        return sums;
    }

    // Rollups add the same numbers in another order: sums agree to the last few bits, not to the bit.
    private static final double RELATIVE = 1e-9;

    static void close(JsonNode actual, double expected, String what) {
        if (!Double.isFinite(expected)) {
            assertThat(actual == null || actual.isNull()).as(what + " (not finite: absent)").isTrue();
            return;
        }
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.isNull()).as(what + " is null, expected " + expected).isFalse();
        assertThat(actual.asDouble()).as(what).isCloseTo(expected, within(RELATIVE * Math.max(1, Math.abs(expected))));
    }

    static void estimate(JsonNode actual, Estimate expected, String what) {
        close(actual.get("value"), expected.value(), what + " value");
        close(actual.get("se"), expected.se(), what + " se");
        close(actual.get("low"), expected.low(), what + " low");
        close(actual.get("high"), expected.high(), what + " high");
    }

    /** Every figure of an /indices or /trend group equals the statistics core's. */
    static void figures(JsonNode group, Estimates expected, int minN, String what) {
        var index = expected.index(minN);
        assertThat(group.get("n").asLong()).as(what + " n").isEqualTo(expected.n());
        assertThat(group.get("suppressed").asBoolean()).as(what + " suppressed").isEqualTo(!index.published());
        if (!index.published()) {
            assertThat(group.has("index")).as(what + " shows no index").isFalse();
            return;
        }
        estimate(group.get("index"), index.overall().orElseThrow(), what + " index");
        assertThat(group.get("elements").size()).as(what + " elements").isEqualTo(index.elements().size());
        index.elements().forEach((code, e) -> estimate(group.get("elements").get(code), e, what + " " + code));
        var criteria = expected.criteria();
        assertThat(group.get("criteria").size()).as(what + " criteria").isEqualTo(criteria.size());
        for (int i = 0; i < criteria.size(); i++) {
            var c = criteria.get(i);
            var shown = group.get("criteria").get(i);
            var at = what + " " + c.criterion();
            assertThat(shown.get("code").asText()).as(at).isEqualTo(c.criterion());
            assertThat(shown.get("nValid").asLong()).as(at + " nValid").isEqualTo(c.nValid());
            assertThat(shown.get("satisfied").asLong()).as(at + " satisfied").isEqualTo(c.satisfied());
            close(shown.get("share"), c.share(), at + " share");
            close(shown.get("wilsonLow"), c.wilsonLow(), at + " wilsonLow");
            close(shown.get("wilsonHigh"), c.wilsonHigh(), at + " wilsonHigh");
            close(shown.get("meanScore"), c.meanScore(), at + " meanScore");
            close(shown.get("score0to100"), c.score0to100(), at + " score0to100");
        }
    }

    // Shared by the equality tests: rankings, comparisons with their flags, and query maps.

    static void assertRanked(JsonNode answer, Map<String, Estimate> indices) {
        var expected = Rankings.rank(indices);
        var ranked = answer.get("ranked");
        assertThat(ranked.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            var r = expected.get(i);
            var shown = ranked.get(i);
            var by = shown.get("group").fieldNames().next();
            var id = shown.get("group").get(by).isNull() ? "0" : shown.get("group").get(by).get("id").asText();
            assertThat(id).as("rank " + (i + 1)).isEqualTo(r.key());
            assertThat(shown.get("rank").asInt()).isEqualTo(r.rank());
            assertThat(shown.get("tied").asBoolean()).isEqualTo(r.tied());
            assertThat(shown.get("rankRange").get("best").asInt()).isEqualTo(r.rank());
            assertThat(shown.get("rankRange").get("worst").asInt()).isEqualTo(r.worstRank());
            RawResponses.estimate(shown.get("index"), r.index(), "ranked " + r.key());
            close(shown.get("shrunken"), r.shrunken(), "shrunken " + r.key());
            close(shown.get("shrinkageFactor"), r.shrinkageFactor(), "shrinkage " + r.key());
        }
    }

    static void change(JsonNode shown, Comparison expected, String what) {
        close(shown.get("delta"), expected.delta(), what + " delta");
        close(shown.get("se"), expected.se(), what + " se");
        close(shown.get("z"), expected.z(), what + " z");
        close(shown.get("p"), expected.pValue(), what + " p");
    }

    /** Changes of one kind within a group, each with its Benjamini–Hochberg flag across that kind. */
    static void flagged(JsonNode shown, Map<String, Comparison> expected, String what) {
        assertThat(shown.size()).as(what).isEqualTo(expected.size());
        var flags = YearOnYear.flag(List.copyOf(expected.values()));
        int i = 0;
        for (var code : expected.keySet()) {
            change(shown.get(code), expected.get(code), what + " " + code);
            close(shown.get(code).get("adjustedP"), flags.get(i).adjustedP(), what + " " + code + " adjustedP");
            assertThat(shown.get(code).get("significant").asBoolean()).as(what + " " + code)
                    .isEqualTo(flags.get(i).significant());
            i++;
        }
    }

    static Map<String, String> query(String... pairs) {
        var q = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], pairs[i + 1]);
        }
        return q;
    }

    static Map<String, String> with(Map<String, String> q, String... pairs) {
        var out = new LinkedHashMap<>(q);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1].isEmpty()) {
                out.remove(pairs[i]);
            } else {
                out.put(pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }
}
