package vn.hailong.analyze;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import vn.hailong.export.Formulas;
import vn.hailong.stats.Comparison;
import vn.hailong.stats.CriterionEstimate;
import vn.hailong.stats.Drivers;
import vn.hailong.stats.Element;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.IndexEstimate;
import vn.hailong.stats.Reliability;
import vn.hailong.stats.SufficientStatistics;

/**
 * Writes an analysis as criteria.csv, indices.csv, yoy.csv, alpha.csv and drivers.csv, laid out like R's write.csv;
 * text that a spreadsheet would run as a formula is defused as in every download ({@link Formulas}).
 */
final class ResultFiles {

    // Strings quoted, numbers (RNumber, Integer, Long) not, as R's write.csv does.
    private static final CSVFormat R_CSV = CSVFormat.RFC4180.builder()
            .setQuoteMode(QuoteMode.NON_NUMERIC).setRecordSeparator("\n").get();

    private final Analysis analysis;
    private final String keyColumn;

    ResultFiles(Analysis analysis, String keyColumn) {
        this.analysis = analysis;
        this.keyColumn = keyColumn;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("criteria.csv"), criteria());
        write(dir.resolve("indices.csv"), indices());
        write(dir.resolve("yoy.csv"), yearOnYear());
        write(dir.resolve("alpha.csv"), alpha());
        write(dir.resolve("drivers.csv"), drivers());
    }

    private List<List<Object>> criteria() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("year", keyColumn, "criterion", "n_valid", "satisfied", "share", "wilson_low",
                "wilson_high", "mean_score", "score_0_100"));
        analysis.byYear.forEach((year, groups) -> groups.keySet().forEach(key -> {
            var estimates = analysis.estimates(year, key).get(0).estimates();  // criteria are shown unweighted
            for (String code : analysis.instrument.criteria()) {
                Optional<CriterionEstimate> c = estimates.criterion(code);
                rows.add(c.<List<Object>>map(e -> List.of(year, key, code, e.nValid(), e.satisfied(), num(e.share()),
                                num(e.wilsonLow()), num(e.wilsonHigh()), num(e.meanScore()), num(e.score0to100())))
                        .orElse(List.of(year, key, code, 0, 0, RNumber.NA, RNumber.NA, RNumber.NA, RNumber.NA,
                                RNumber.NA)));
            }
        }));
        return rows;
    }

    private List<List<Object>> indices() {
        List<Object> header = new ArrayList<>(List.of("year", keyColumn, "weighting", "n", "index", "se", "ci_low",
                "ci_high"));
        List<Element> elements = analysis.instrument.elements();
        elements.forEach(e -> header.add("E_" + e.code()));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(header);
        analysis.byYear.forEach((year, groups) -> groups.keySet().forEach(key -> {
            for (Analysis.Weighted w : analysis.estimates(year, key)) {
                IndexEstimate index = w.estimates().index(analysis.minN);
                List<Object> row = new ArrayList<>(List.of(year, key, w.weighting(), index.n()));
                Optional<Estimate> overall = index.overall();
                row.add(overall.map(o -> num(o.value())).orElse(RNumber.NA));
                row.add(overall.map(o -> num(o.se())).orElse(RNumber.NA));
                row.add(overall.map(o -> num(o.low())).orElse(RNumber.NA));
                row.add(overall.map(o -> num(o.high())).orElse(RNumber.NA));
                for (Element e : elements) {
                    Estimate element = index.elements().get(e.code());
                    row.add(element == null ? RNumber.NA : num(element.value()));
                }
                rows.add(row);
            }
        }));
        return rows;
    }

    /** Each group against the year before, where both years are published. */
    private List<List<Object>> yearOnYear() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(keyColumn, "weighting", "from", "to", "delta", "se", "z", "p_value"));
        var keys = new TreeSet<>(Analysis.KEY_ORDER);
        analysis.byYear.values().forEach(groups -> keys.addAll(groups.keySet()));
        for (String key : keys) {
            for (String weighting : List.of(Analysis.NONE, Analysis.POSTSTRATIFIED)) {
                for (int year : analysis.byYear.keySet()) {
                    Optional<Estimate> before = analysis.overall(year - 1, key, weighting);
                    Optional<Estimate> after = analysis.overall(year, key, weighting);
                    if (before.isPresent() && after.isPresent()) {
                        Comparison c = Comparison.between(before.get(), after.get());
                        rows.add(List.of(key, weighting, year - 1, year, num(c.delta()), num(c.se()), num(c.z()),
                                num(c.pValue())));
                    }
                }
            }
        }
        return rows;
    }

    private List<List<Object>> alpha() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("year", "element", "n_complete", "cronbach_alpha"));
        analysis.byYear.forEach((year, groups) -> {
            for (Reliability.Alpha a : Reliability.cronbach(groups.get(Analysis.ALL))) {
                rows.add(List.of(year, a.element(), a.nComplete(), num(a.alpha())));
            }
        });
        return rows;
    }

    private List<List<Object>> drivers() {
        List<List<Object>> rows = new ArrayList<>();
        String overall = analysis.instrument.overall().orElse("overall");
        rows.add(List.of("year", "criterion", "pearson_r_with_" + overall));
        analysis.byYear.forEach((year, groups) -> {
            SufficientStatistics all = groups.get(Analysis.ALL);
            for (Drivers.Driver d : Drivers.of(all)) {
                rows.add(List.of(year, d.criterion(), num(d.r())));
            }
        });
        return rows;
    }

    private static RNumber num(double value) {
        return RNumber.of(value);
    }

    private static void write(Path file, List<List<Object>> rows) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, R_CSV)) {
            for (List<Object> row : rows) {
                // Keys come from the file analysed: one a spreadsheet would run as a formula is defused.
                printer.printRecord(row.stream().map(cell -> cell instanceof String s ? Formulas.defused(s) : cell).toList());
            }
        }
    }
}
