package vn.hailong.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rated questions statistics are kept for, the scale, the elements, the overall question and the methodology. */
public record Instrument(Methodology methodology, int levels, List<String> criteria, List<Element> elements,
                         Optional<String> overall) {

    // criteria lists every rated question by indicator code, the overall one included; its order fixes the layout
    // of SufficientStatistics, so a rollup stored under one instrument is only read back with an equal one.
    public Instrument {
        criteria = List.copyOf(criteria);
        elements = List.copyOf(elements);
        // "Satisfied" is the top two levels, which needs a level below them.
        if (levels < 3) {
            throw new IllegalArgumentException("a scale needs at least three levels");
        }
        if (new HashSet<>(criteria).size() != criteria.size()) {
            throw new IllegalArgumentException("duplicate criterion codes: " + criteria);
        }
        Set<String> inElements = new HashSet<>();
        for (Element e : elements) {
            for (String c : e.criteria()) {
                if (!criteria.contains(c) || !inElements.add(c)) {
                    throw new IllegalArgumentException("criterion " + c + " of element " + e.code()
                            + " is unknown or in two elements");
                }
            }
        }
        if (overall.isPresent() && (!criteria.contains(overall.get()) || inElements.contains(overall.get()))) {
            throw new IllegalArgumentException("overall question " + overall.get() + " must be a criterion outside the elements");
        }
    }

    /** The default SIPAS questionnaire: five equally weighted elements, 16 criteria and the overall question HL. */
    public static Instrument sipas() {
        List<Element> elements = List.of(
                new Element("TC", List.of("TC1", "TC2", "TC3"), 1),
                new Element("TT", List.of("TT1", "TT2", "TT3", "TT4"), 1),
                new Element("CC", List.of("CC1", "CC2", "CC3"), 1),
                new Element("KQ", List.of("KQ1", "KQ2", "KQ3"), 1),
                new Element("PA", List.of("PA1", "PA2", "PA3"), 1));
        List<String> criteria = new ArrayList<>();
        elements.forEach(e -> criteria.addAll(e.criteria()));
        criteria.add("HL");
        return new Instrument(Methodology.SIPAS, 5, criteria, elements, Optional.of("HL"));
    }

    /** The same questions scored by another methodology (and scale), e.g. for a comparison view. */
    Instrument with(Methodology methodology, int levels) {
        return new Instrument(methodology, levels, criteria, elements, overall);
    }

    /**
     * The part of this instrument asked under {@code codes}, e.g. the criteria two questionnaire versions share: the
     * same methodology and scale, the listed criteria in this instrument's order, each element with only its listed
     * criteria (elements left with none dropped), and the overall question if listed. Unknown codes are ignored.
     */
    public Instrument restrictedTo(Collection<String> codes) {
        Set<String> kept = new HashSet<>(codes);
        List<Element> keptElements = new ArrayList<>();
        for (Element e : elements) {
            List<String> members = e.criteria().stream().filter(kept::contains).toList();
            if (!members.isEmpty()) {
                keptElements.add(new Element(e.code(), members, e.weight()));
            }
        }
        return new Instrument(methodology, levels, criteria.stream().filter(kept::contains).toList(), keptElements,
                overall.filter(kept::contains));
    }

    int indexOf(String criterion) {
        int i = criteria.indexOf(criterion);
        if (i < 0) {
            throw new IllegalArgumentException("unknown criterion " + criterion);
        }
        return i;
    }

    /** Whether an answer at {@code level} counts as satisfied (the top two levels). */
    public boolean satisfied(int level) {
        return methodology.satisfied(level, levels);
    }

    double value(int level) {
        return methodology.value(level, levels);
    }
}
