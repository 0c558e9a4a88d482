package vn.hailong.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormulasTest {

    @Test
    void text_starting_with_a_formula_character_gets_a_leading_apostrophe() {
        assertThat(Formulas.defused("=1+1")).isEqualTo("'=1+1");
        assertThat(Formulas.defused("+84 912 345 678")).isEqualTo("'+84 912 345 678");
        assertThat(Formulas.defused("-cmd|' /C calc'!A0")).isEqualTo("'-cmd|' /C calc'!A0");
        assertThat(Formulas.defused("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Formulas.defused("\t=1")).isEqualTo("'\t'=1");
        assertThat(Formulas.defused("\rabc")).isEqualTo("'\rabc");
        assertThat(Formulas.defused("  =1+1")).isEqualTo("  '=1+1");
    }

    @Test
    void a_formula_character_just_after_a_separator_or_line_break_gets_an_apostrophe_too() {
        assertThat(Formulas.defused("abc;=HYPERLINK(\"http://example.invalid\")"))
                .isEqualTo("abc;'=HYPERLINK(\"http://example.invalid\")");
        assertThat(Formulas.defused("abc,+1")).isEqualTo("abc,'+1");
        assertThat(Formulas.defused("abc\t@x")).isEqualTo("abc\t'@x");
        assertThat(Formulas.defused("abc;  -1")).isEqualTo("abc;  '-1");
        assertThat(Formulas.defused("dòng một\r\n=1+1")).isEqualTo("dòng một\r\n'=1+1");
        assertThat(Formulas.defused("a;b;=c;=d")).isEqualTo("a;b;'=c;'=d");
    }

    @Test
    void text_where_no_cell_could_start_a_formula_is_left_as_it_was() {
        for (var text : new String[] {"", "Rất hài lòng với cán bộ", "7h30 - 11h30", "a=b, c+d; e@f", "email@example.invalid",
                "1,5", "dòng một\n  dòng hai"}) {
            assertThat(Formulas.defused(text)).as(text).isSameAs(text);
        }
    }
}
