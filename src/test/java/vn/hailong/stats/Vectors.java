package vn.hailong.stats;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.hailong.analyze.ResponseRow;
import vn.hailong.analyze.ResponsesCsv;

/** The reference data set and R's results, read from the shared methodology beside the project. */
public final class Vectors {

    public static final Path DIR = Path.of("..", "shared", "methodology", "vectors");

    private Vectors() {
    }

    public static List<ResponseRow> responses() {
        try {
            return new ResponsesCsv(Instrument.sipas()).read(DIR.resolve("responses.csv"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Population totals per year and stratum. */
    public static Map<Integer, Map<String, Double>> population() {
        Map<Integer, Map<String, Double>> byYear = new TreeMap<>();
        for (CSVRecord r : expected("population.csv")) {
            byYear.computeIfAbsent(Integer.parseInt(r.get("year")), y -> new TreeMap<>())
                    .put(r.get("stratum"), Double.parseDouble(r.get("population")));
        }
        return byYear;
    }

    public static List<CSVRecord> expected(String file) {
        return read(DIR.resolve(file));
    }

    public static List<CSVRecord> read(Path file) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            return new ArrayList<>(parser.getRecords());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Statistics of the responses of one year, of one agency or of all when {@code agency} is "ALL". */
    public static SufficientStatistics statistics(int year, String agency) {
        Instrument sipas = Instrument.sipas();
        SufficientStatistics.Builder builder = SufficientStatistics.builder(sipas);
        for (ResponseRow row : responses()) {
            if (row.year() == year && (agency.equals("ALL") || row.agencyCode().equals(agency))) {
                builder.add(row.toResponse(sipas));
            }
        }
        return builder.build();
    }
}
