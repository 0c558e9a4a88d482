package vn.hailong.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Response;

class ResponsesCsvTest {

    private final ResponsesCsv csv = new ResponsesCsv(Instrument.sipas());

    private List<ResponseRow> read(String text) throws Exception {
        return csv.read(new StringReader(text));
    }

    @Test
    void reads_answers_by_indicator_code_with_na_left_out() throws Exception {
        List<ResponseRow> rows = read("""
                "response_id","submitted_at","agency_code","stratum","channel","TC1","HL","weight"
                "R1","2025-03-04T10:15:00+07:00","AG01","HT","kiosk",4,NA,2.5
                "R2","2025-03-05 08:00:00","AG02","DD","online",,5,
                """);

        assertThat(rows).hasSize(2);
        ResponseRow first = rows.get(0);
        assertThat(first.submittedAt()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(first.answers()).isEqualTo(Map.of("TC1", 4));
        assertThat(first.weight()).isEqualTo(2.5);
        assertThat(rows.get(1).answers()).isEqualTo(Map.of("HL", 5));
        assertThat(rows.get(1).weight()).isEqualTo(1);

        Response response = first.toResponse(Instrument.sipas());
        assertThat(response.levels()).hasSize(17).startsWith(4, 0, 0);
        assertThat(response.stratum()).isEqualTo("HT");
    }

    @Test
    void a_missing_required_column_is_named() {
        assertThatThrownBy(() -> read("\"agency_code\",\"TC1\"\n\"AG01\",4\n"))
                .isInstanceOf(MalformedCsvException.class)
                .hasMessage("header, column submitted_at: missing from the header");
    }

    @Test
    void bad_values_name_their_row_and_column() {
        String header = "\"submitted_at\",\"agency_code\",\"TC1\",\"weight\"\n";
        assertThatThrownBy(() -> read(header + "2025-01-01,AG01,4,1\n2025-01-02,AG01,x,1\n"))
                .isInstanceOfSatisfying(MalformedCsvException.class, e -> {
                    assertThat(e.row()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo("TC1");
                });
        assertThatThrownBy(() -> read(header + "2025-01-01,AG01,4,-1\n"))
                .hasMessageContaining("row 1, column weight");
        assertThatThrownBy(() -> read(header + "2025-01-01,,4,1\n"))
                .hasMessageContaining("row 1, column agency_code");
        assertThatThrownBy(() -> read(header + "2025-01-01,AG01,4,1\n2025-01-01,\"AG01,4,1\n"))
                .hasMessageStartingWith("row 2");
    }
}
