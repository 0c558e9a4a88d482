package vn.hailong.analyze;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads population totals per year and stratum: columns {@code year, stratum, population}. */
final class PopulationCsv {

    private PopulationCsv() {
    }

    static Map<Integer, Map<String, Double>> read(Path file) throws IOException, MalformedCsvException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                for (String column : List.of("year", "stratum", "population")) {
                    if (!parser.getHeaderMap().containsKey(column)) {
                        throw new MalformedCsvException(0, column, "missing from the header");
                    }
                }
                Map<Integer, Map<String, Double>> totals = new TreeMap<>();
                long row = 0;
                for (CSVRecord record : parser) {
                    row++;
                    int year = parseYear(row, record.get("year"));
                    double total = parseTotal(row, record.get("population"));
                    String stratum = record.get("stratum").strip();
                    if (totals.computeIfAbsent(year, y -> new TreeMap<>()).put(stratum, total) != null) {
                        throw new MalformedCsvException(row, "stratum", stratum + " appears twice for " + year);
                    }
                }
                return totals;
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new MalformedCsvException(0, "", e.getMessage());
            }
        }
    }

    private static int parseYear(long row, String text) throws MalformedCsvException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new MalformedCsvException(row, "year", "'" + text + "' is not a year");
        }
    }

    private static double parseTotal(long row, String text) throws MalformedCsvException {
        try {
            double total = Double.parseDouble(text.strip());
            if (total > 0 && Double.isFinite(total)) {
                return total;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedCsvException(row, "population", "'" + text + "' is not a positive number");
    }
}
