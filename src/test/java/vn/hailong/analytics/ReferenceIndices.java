package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.FileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;

import org.apache.commons.csv.CSVFormat;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.stats.Vectors;

/** The reference indices of the vectors (unweighted, per agency and year and per year) as the API gives them. */
public final class ReferenceIndices {
    public static final Path VECTORS = Vectors.DIR;

    private ReferenceIndices() {
    }

    /** Asserts that GET /api/v1/indices reproduces every unweighted row of expected_indices.csv; returns how many. */
    public static int assertReproduced(ApiClient reader) {
        var byUnit = reader.get("/api/v1/indices?groupBy=unit,year&from=2024-01-01&to=2025-12-31").body().get("groups");
        var byYear = reader.get("/api/v1/indices?groupBy=year").body().get("groups");
        assertThat(byYear.findValuesAsText("year")).as("groups in key order").containsExactly("2024", "2025");
        var found = new HashMap<String, JsonNode>();
        byUnit.forEach(g -> found.put(g.get("group").get("year").asInt() + "|" + g.get("group").get("unit").get("code").asText(), g));
        byYear.forEach(g -> found.put(g.get("group").get("year").asInt() + "|ALL", g));
        int compared = 0;
        try (var file = new FileReader(VECTORS.resolve("expected_indices.csv").toFile(), StandardCharsets.UTF_8)) {
            for (var expected : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(file)) {
                if (!expected.get("weighting").equals("none")) {
                    continue;
                }
                var key = expected.get("year") + "|" + expected.get("agency");
                var group = found.get(key);
                assertThat(group).as(key).isNotNull();
                assertThat(group.get("n").asLong()).as(key).isEqualTo(Long.parseLong(expected.get("n")));
                close(group.get("index").get("value"), expected.get("index"), key);
                close(group.get("index").get("se"), expected.get("se"), key);
                close(group.get("index").get("low"), expected.get("ci_low"), key);
                close(group.get("index").get("high"), expected.get("ci_high"), key);
                for (var element : new String[] {"TC", "TT", "CC", "KQ", "PA"}) {
                    close(group.get("elements").get(element).get("value"), expected.get("E_" + element), key + " " + element);
                }
                compared++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compared;
    }

    static void close(JsonNode actual, String expected, String what) {
        double e = Double.parseDouble(expected);
        assertThat(actual.asDouble()).as(what).isCloseTo(e, within(Math.max(1e-9, Math.abs(e) * 1e-6)));
    }
}
