package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An instrument restricted to some criteria keeps their order, what is left of its elements and its scale. */
class InstrumentRestrictionTest {

    private static final Instrument SIPAS = Instrument.sipas();

    @Test
    void criteria_and_elements_keep_the_instruments_order_whatever_the_order_of_the_codes() {
        Instrument sub = SIPAS.restrictedTo(List.of("KQ2", "TC3", "HL", "TC1"));

        assertThat(sub).isEqualTo(new Instrument(Methodology.SIPAS, 5, List.of("TC1", "TC3", "KQ2", "HL"),
                List.of(new Element("TC", List.of("TC1", "TC3"), 1), new Element("KQ", List.of("KQ2"), 1)),
                Optional.of("HL")));
    }

    @Test
    void elements_left_without_criteria_are_dropped_and_the_overall_question_is_kept_only_if_listed() {
        Instrument sub = SIPAS.restrictedTo(List.of("TT1", "TT2", "TT3", "TT4", "PA3"));

        assertThat(sub.elements()).extracting(Element::code).containsExactly("TT", "PA");
        assertThat(sub.overall()).isEmpty();
        assertThat(sub.criteria()).containsExactly("TT1", "TT2", "TT3", "TT4", "PA3");
    }

    @Test
    void methodology_scale_and_element_weights_are_kept_and_unknown_codes_ignored() {
        Instrument ikm = new Instrument(Methodology.IKM, 4, List.of("Q1", "Q2", "Q3", "HL"),
                List.of(new Element("A", List.of("Q1", "Q2"), 2), new Element("B", List.of("Q3"), 0.5)),
                Optional.of("HL"));

        Instrument sub = ikm.restrictedTo(List.of("Q2", "Q3", "Q9"));

        assertThat(sub).isEqualTo(new Instrument(Methodology.IKM, 4, List.of("Q2", "Q3"),
                List.of(new Element("A", List.of("Q2"), 2), new Element("B", List.of("Q3"), 0.5)), Optional.empty()));
    }

    @Test
    void restricting_to_every_criterion_gives_an_equal_instrument() {
        assertThat(SIPAS.restrictedTo(SIPAS.criteria())).isEqualTo(SIPAS);
    }

    @Test
    void restricting_to_no_criterion_leaves_an_empty_instrument_on_the_same_scale() {
        assertThat(SIPAS.restrictedTo(List.of())).isEqualTo(
                new Instrument(Methodology.SIPAS, 5, List.of(), List.of(), Optional.empty()));
    }
}
