package vn.hailong.analyze;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.hailong.stats.Instrument;

/**
 * Reads responses in the import layout of {@code vectors/responses.csv}: {@code response_id, submitted_at,
 * agency_code, stratum, channel}, one column per criterion named by its indicator code (empty or {@code NA} = not
 * applicable) and an optional {@code weight}.
 */
public final class ResponsesCsv {

    static final String SUBMITTED_AT = "submitted_at";
    static final String AGENCY = "agency_code";
    static final String STRATUM = "stratum";
    static final String WEIGHT = "weight";

    private final Instrument instrument;

    public ResponsesCsv(Instrument instrument) {
        this.instrument = instrument;
    }

    public List<ResponseRow> read(Path file) throws IOException, MalformedCsvException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    public List<ResponseRow> read(Reader source) throws IOException, MalformedCsvException {
        BufferedReader reader = new BufferedReader(source);
        skipByteOrderMark(reader);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        CSVParser parser;
        try {
            parser = CSVParser.parse(reader, format);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // commons-csv reports an empty, duplicate or unreadable header this way.
            throw new MalformedCsvException(0, "", "bad header: " + e.getMessage());
        }
        try (parser) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String required : List.of(SUBMITTED_AT, AGENCY)) {
                if (!header.containsKey(required)) {
                    throw new MalformedCsvException(0, required, "missing from the header");
                }
            }
            List<String> criteria = instrument.criteria().stream().filter(header::containsKey).toList();
            if (criteria.isEmpty()) {
                throw new MalformedCsvException(0, String.join("|", instrument.criteria()),
                        "no criterion column in the header");
            }
            List<ResponseRow> rows = new ArrayList<>();
            Iterator<CSVRecord> records = parser.iterator();
            for (long row = 1; hasNext(records, row); row++) {
                CSVRecord record = records.next();
                if (record.size() != header.size()) {
                    throw new MalformedCsvException(row, "", "has " + record.size() + " fields, the header has "
                            + header.size());
                }
                rows.add(parse(row, record, header, criteria));
            }
            return rows;
        }
    }

    private static boolean hasNext(Iterator<CSVRecord> records, long row) throws MalformedCsvException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            // commons-csv reports broken quoting this way.
            throw new MalformedCsvException(row, "", e.getMessage());
        }
    }

    private ResponseRow parse(long row, CSVRecord record, Map<String, Integer> header, List<String> criteria)
            throws MalformedCsvException {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String code : criteria) {
            String text = record.get(code).strip();
            if (text.isEmpty() || text.equals("NA")) {
                continue;
            }
            answers.put(code, level(row, code, text));
        }
        String agency = record.get(AGENCY).strip();
        if (agency.isEmpty()) {
            throw new MalformedCsvException(row, AGENCY, "is empty");
        }
        return new ResponseRow(row, optional(record, header, "response_id"), date(row, record.get(SUBMITTED_AT)),
                agency, optional(record, header, STRATUM), optional(record, header, "channel"),
                weight(row, record, header), answers);
    }

    private int level(long row, String code, String text) throws MalformedCsvException {
        try {
            int level = Integer.parseInt(text);
            if (level >= 1 && level <= instrument.levels()) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedCsvException(row, code, "'" + text + "' is not a level 1.." + instrument.levels()
                + " or empty");
    }

    private static LocalDate date(long row, String text) throws MalformedCsvException {
        String t = text.strip();
        // A date, or a timestamp whose first ten characters are its local date.
        boolean shapeOk = t.length() == 10 || (t.length() > 10 && (t.charAt(10) == 'T' || t.charAt(10) == ' '));
        try {
            if (shapeOk) {
                return LocalDate.parse(t.substring(0, 10));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new MalformedCsvException(row, SUBMITTED_AT, "'" + text + "' is not a date (yyyy-mm-dd)");
    }

    private static double weight(long row, CSVRecord record, Map<String, Integer> header)
            throws MalformedCsvException {
        String text = optional(record, header, WEIGHT);
        if (text.isEmpty()) {
            return 1;
        }
        try {
            double w = Double.parseDouble(text);
            if (w > 0 && Double.isFinite(w)) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedCsvException(row, WEIGHT, "'" + text + "' is not a positive number");
    }

    private static String optional(CSVRecord record, Map<String, Integer> header, String column) {
        return header.containsKey(column) ? record.get(column).strip() : "";
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }
}
