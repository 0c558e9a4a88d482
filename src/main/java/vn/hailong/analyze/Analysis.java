package vn.hailong.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.SufficientStatistics;

/**
 * Responses grouped by year and one key column, with a total per year under {@link #ALL}: the sufficient statistics
 * every output file is estimated from.
 */
final class Analysis {

    static final String ALL = "ALL";
    static final String NONE = "none";
    static final String POSTSTRATIFIED = "poststratified";

    /** Group keys in order, the yearly total last. */
    static final Comparator<String> KEY_ORDER = Comparator.comparing((String k) -> k.equals(ALL)).thenComparing(k -> k);

    final Instrument instrument;
    final SortedMap<Integer, SortedMap<String, SufficientStatistics>> byYear = new TreeMap<>();
    final Optional<Map<Integer, Map<String, Double>>> population;
    final int minN;

    Analysis(Instrument instrument, List<ResponseRow> rows, Optional<Function<ResponseRow, String>> key,
             Optional<Map<Integer, Map<String, Double>>> population, int minN) {
        this.instrument = instrument;
        this.population = population;
        this.minN = minN;
        SortedMap<Integer, SortedMap<String, SufficientStatistics.Builder>> builders = new TreeMap<>();
        for (ResponseRow row : rows) {
            SortedMap<String, SufficientStatistics.Builder> year =
                    builders.computeIfAbsent(row.year(), y -> new TreeMap<>(KEY_ORDER));
            var response = row.toResponse(instrument);
            year.computeIfAbsent(ALL, k -> SufficientStatistics.builder(instrument)).add(response);
            if (key.isPresent()) {
                String group = key.get().apply(row);
                if (group.equals(ALL)) {
                    throw new IllegalArgumentException("row " + row.row() + ": a group cannot be named " + ALL);
                }
                year.computeIfAbsent(group, g -> SufficientStatistics.builder(instrument)).add(response);
            }
        }
        builders.forEach((year, groups) -> {
            SortedMap<String, SufficientStatistics> built = new TreeMap<>(KEY_ORDER);
            groups.forEach((k, b) -> built.put(k, b.build()));
            byYear.put(year, built);
        });
    }

    /** The estimates of one group and year: weighting "none", or "poststratified" (the yearly total only). */
    List<Weighted> estimates(int year, String key) {
        SufficientStatistics statistics = byYear.get(year).get(key);
        List<Weighted> list = new ArrayList<>();
        list.add(new Weighted(NONE, Estimates.of(statistics)));
        if (key.equals(ALL) && population.isPresent()) {
            Map<String, Double> totals = population.get().get(year);
            if (totals == null) {
                throw new IllegalArgumentException("the population file has no totals for " + year);
            }
            list.add(new Weighted(POSTSTRATIFIED, Estimates.postStratified(statistics, totals)));
        }
        return list;
    }

    /** The published overall index of a group, year and weighting, if there is one. */
    Optional<Estimate> overall(int year, String key, String weighting) {
        if (!byYear.containsKey(year) || !byYear.get(year).containsKey(key)) {
            return Optional.empty();
        }
        return estimates(year, key).stream()
                .filter(w -> w.weighting().equals(weighting))
                .findFirst()
                .flatMap(w -> w.estimates().index(minN).overall());
    }

    /** Estimates under one weighting scheme. */
    record Weighted(String weighting, Estimates estimates) {
    }
}
