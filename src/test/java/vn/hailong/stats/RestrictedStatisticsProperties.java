package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Statistics restricted to part of their instrument equal those summed from the same responses without the dropped
 * criteria, but for the Cronbach blocks of elements that lost criteria, which are zero.
 */
class RestrictedStatisticsProperties {

    /**
     * IKM on four levels, so y is neither 0 nor 1 and a reversed pair shows; criteria listed out of element order,
     * elements of one to four criteria with unequal weights, a criterion in no element, the overall question inside.
     */
    static final Instrument CUSTOM = new Instrument(Methodology.IKM, 4,
            List.of("Q1", "Q2", "HL", "Q3", "Q4", "Q5", "Q6", "X1", "Q7"),
            List.of(new Element("A", List.of("Q4", "Q1"), 2),
                    new Element("B", List.of("Q2"), 1),
                    new Element("C", List.of("Q7", "Q3", "Q5", "Q6"), 0.5)),
            Optional.of("HL"));

    private static final Map<String, Double> POPULATION = Map.of("A", 1200.0, "B", 300.0, "C", 450.0);

    @Test
    void restricted_sipas_statistics_equal_those_summed_without_the_dropped_criteria() {
        Cases.check(400, random -> restrictedEqualsSummedWithout(random, Groups.SIPAS));
    }

    @Test
    void restricted_statistics_of_a_custom_instrument_equal_those_summed_without_the_dropped_criteria() {
        Cases.check(400, random -> restrictedEqualsSummedWithout(random, CUSTOM));
    }

    private static void restrictedEqualsSummedWithout(SplittableRandom random, Instrument instrument) {
        List<Response> responses = responses(random, instrument);
        Instrument sub = restriction(random, instrument);

        SufficientStatistics restricted = Groups.statistics(instrument, responses).restrictedTo(sub);
        SufficientStatistics summed = Groups.statistics(sub, without(responses, instrument, sub));

        assertThat(restricted.instrument()).isEqualTo(sub);
        assertThat(restricted).isEqualTo(reducedElementsZeroed(summed, instrument));
        for (Element e : reducedElements(instrument, sub)) {
            assertThat(Reliability.cronbach(restricted, e.code())).isEmpty();
        }
    }

    @Test
    void estimates_from_restricted_statistics_equal_those_from_the_responses() {
        Cases.check(400, random -> {
            Instrument instrument = random.nextBoolean() ? Groups.SIPAS : CUSTOM;
            List<Response> responses = responses(random, instrument);
            Instrument sub = restriction(random, instrument);

            SufficientStatistics restricted = Groups.statistics(instrument, responses).restrictedTo(sub);
            SufficientStatistics summed = Groups.statistics(sub, without(responses, instrument, sub));

            assertThat(Estimates.of(restricted).index(2)).isEqualTo(Estimates.of(summed).index(2));
            assertThat(Estimates.of(restricted).criteria()).isEqualTo(Estimates.of(summed).criteria());
            if (POPULATION.keySet().containsAll(summed.strata().keySet())) {
                assertThat(Estimates.postStratified(restricted, POPULATION).index(2))
                        .isEqualTo(Estimates.postStratified(summed, POPULATION).index(2));
            }
            assertThat(Drivers.of(restricted)).isEqualTo(Drivers.of(summed));
            List<String> reduced = reducedElements(instrument, sub).stream().map(Element::code).toList();
            assertThat(Reliability.cronbach(restricted)).isEqualTo(Reliability.cronbach(summed).stream()
                    .filter(alpha -> !reduced.contains(alpha.element())).toList());
        });
    }

    @Test
    void restricting_to_every_criterion_changes_nothing() {
        Cases.check(200, random -> {
            Instrument instrument = random.nextBoolean() ? Groups.SIPAS : CUSTOM;
            SufficientStatistics statistics = Groups.statistics(instrument, responses(random, instrument));

            assertThat(statistics.restrictedTo(instrument)).isEqualTo(statistics);
            assertThat(statistics.restrictedTo(instrument.restrictedTo(instrument.criteria()))).isEqualTo(statistics);
        });
    }

    /** So rollups can be restricted before or after they merge. */
    @Test
    void restriction_commutes_with_merge() {
        Cases.check(200, random -> {
            Instrument instrument = random.nextBoolean() ? Groups.SIPAS : CUSTOM;
            SufficientStatistics a = Groups.statistics(instrument, responses(random, instrument));
            SufficientStatistics b = Groups.statistics(instrument, responses(random, instrument));
            Instrument sub = restriction(random, instrument);

            assertThat(a.merge(b).restrictedTo(sub)).isEqualTo(a.restrictedTo(sub).merge(b.restrictedTo(sub)));
        });
    }

    @Test
    void restricting_in_two_steps_equals_restricting_at_once() {
        Cases.check(200, random -> {
            Instrument instrument = random.nextBoolean() ? Groups.SIPAS : CUSTOM;
            SufficientStatistics statistics = Groups.statistics(instrument, responses(random, instrument));
            Instrument first = instrument.restrictedTo(restriction(random, instrument).criteria());
            Instrument second = first.restrictedTo(restriction(random, first).criteria());

            assertThat(statistics.restrictedTo(first).restrictedTo(second)).isEqualTo(statistics.restrictedTo(second));
        });
    }

    /** Up to 40 weighted responses with N/A answers, in strata A, B and C. */
    private static List<Response> responses(SplittableRandom random, Instrument instrument) {
        return Groups.responses(random, instrument, 40).stream()
                .map(r -> r.stratum().equals("B") && random.nextBoolean()
                        ? new Response("C", r.weight(), r.levels()) : r)
                .toList();
    }

    /**
     * A restriction that may drop a whole element, a criterion of an element, the overall question and any other
     * criteria; half the time listed in another order (so some pairs come reversed) and, now and then, keeping the
     * overall question as a plain criterion.
     */
    private static Instrument restriction(SplittableRandom random, Instrument instrument) {
        List<String> codes = new ArrayList<>(instrument.criteria());
        List<Element> elements = instrument.elements();
        if (random.nextBoolean() && !elements.isEmpty()) {
            codes.removeAll(elements.get(random.nextInt(elements.size())).criteria());
        }
        if (random.nextBoolean() && !elements.isEmpty()) {
            List<String> members = elements.get(random.nextInt(elements.size())).criteria();
            codes.remove(members.get(random.nextInt(members.size())));
        }
        if (random.nextBoolean()) {
            instrument.overall().ifPresent(codes::remove);
        }
        if (random.nextBoolean()) {
            codes.removeIf(c -> random.nextInt(4) == 0);
        }
        Instrument sub = instrument.restrictedTo(codes);
        if (random.nextBoolean()) {
            return sub;
        }
        Optional<String> overall = random.nextInt(4) == 0 ? Optional.empty() : sub.overall();
        return new Instrument(sub.methodology(), sub.levels(), shuffled(random, sub.criteria()),
                shuffled(random, sub.elements()), overall);
    }

    private static <T> List<T> shuffled(SplittableRandom random, List<T> list) {
        List<T> copy = new ArrayList<>(list);
        for (int i = copy.size() - 1; i > 0; i--) {
            copy.set(i, copy.set(random.nextInt(i + 1), copy.get(i)));
        }
        return copy;
    }

    /** The responses as asked under {@code sub}: the answers to its criteria, in its order. */
    private static List<Response> without(List<Response> responses, Instrument instrument, Instrument sub) {
        int[] origin = sub.criteria().stream().mapToInt(instrument::indexOf).toArray();
        return responses.stream()
                .map(r -> new Response(r.stratum(), r.weight(), Arrays.stream(origin).map(i -> r.levels()[i]).toArray()))
                .toList();
    }

    /** The elements of {@code sub} that lost criteria. */
    private static List<Element> reducedElements(Instrument instrument, Instrument sub) {
        return sub.elements().stream()
                .filter(e -> instrument.elements().stream()
                        .anyMatch(o -> o.code().equals(e.code()) && o.criteria().size() > e.criteria().size()))
                .toList();
    }

    private static SufficientStatistics reducedElementsZeroed(SufficientStatistics statistics, Instrument instrument) {
        Instrument sub = statistics.instrument();
        Layout layout = statistics.layout();
        List<Element> reduced = reducedElements(instrument, sub);
        Map<String, StratumStatistics> strata = new TreeMap<>();
        statistics.strata().forEach((name, s) -> {
            long[] counts = s.counts();
            for (int j = 0; j < sub.elements().size(); j++) {
                if (reduced.contains(sub.elements().get(j))) {
                    int base = layout.cronbachBase[j];
                    Arrays.fill(counts, base, base + Layout.cronbachWidth(layout.elementCriteria[j].length), 0);
                }
            }
            strata.put(name, StratumStatistics.of(sub, counts, s.sums()));
        });
        return SufficientStatistics.of(sub, strata);
    }
}
