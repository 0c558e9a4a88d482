package vn.hailong.stats;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random groups of responses for property tests. */
final class Groups {

    static final Instrument SIPAS = Instrument.sipas();

    private Groups() {
    }

    /** Responses in strata A and B; weights are small dyadic numbers, so sums are exact in any order. */
    static Arbitrary<List<Response>> responses(Instrument instrument, int maxSize) {
        return response(instrument, Arbitraries.of(0.5, 1.0, 1.5, 2.0, 4.0)).list().ofMaxSize(maxSize);
    }

    static Arbitrary<List<Response>> unweighted(Instrument instrument, int minSize, int maxSize) {
        return response(instrument, Arbitraries.just(1.0)).list().ofMinSize(minSize).ofMaxSize(maxSize);
    }

    static Arbitrary<Response> response(Instrument instrument, Arbitrary<Double> weights) {
        int m = instrument.criteria().size();
        // N/A (0) about one answer in six, as in the reference data.
        Arbitrary<int[]> levels = Arbitraries.integers().between(0, instrument.levels()).array(int[].class).ofSize(m);
        return Combinators.combine(Arbitraries.of("A", "B"), weights, levels).as(Response::new);
    }

    static SufficientStatistics statistics(Instrument instrument, List<Response> responses) {
        SufficientStatistics.Builder builder = SufficientStatistics.builder(instrument);
        responses.forEach(builder::add);
        return builder.build();
    }
}
