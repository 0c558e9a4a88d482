package vn.hailong.stats;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
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

/**
 * The reference data set and R's results (survey/psych output), kept byte for byte in the test resources,
 * {@code src/test/resources/vectors/}. {@link #DIR} is the one place in the test code that knows where they are.
 */
public final class Vectors {

    /** The vectors' directory, found on the test classpath (target/test-classes/vectors under Maven and the IDE). */
    public static final Path DIR = locate();

    private Vectors() {
    }

    private static Path locate() {
        URL url = Vectors.class.getResource("/vectors/responses.csv");
        if (url == null) {
            throw new IllegalStateException("vectors/responses.csv is not on the test classpath (src/test/resources/vectors)");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
