package vn.hailong.analyze;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.Instrument;

/**
 * {@code analyze --responses FILE.csv [--population FILE.csv] [--by agency_code,year] [--min-n 30] --out DIR}:
 * estimates the SIPAS figures of a responses file and writes them as criteria.csv, indices.csv, yoy.csv,
 * alpha.csv and drivers.csv, in the layout of the methodology's reference results.
 */
public final class AnalyzeCommand {

    static final String USAGE = "usage: analyze --responses FILE.csv [--population FILE.csv]"
            + " [--by agency_code,year] [--min-n 30] --out DIR";

    /** Columns a group can be keyed by, and the name of the key column in the output files. */
    private static final Map<String, String> KEY_COLUMNS =
            Map.of("agency_code", "agency", "stratum", "stratum", "channel", "channel");
    private static final Map<String, Function<ResponseRow, String>> KEYS = Map.of(
            "agency_code", ResponseRow::agencyCode, "stratum", ResponseRow::stratum, "channel", ResponseRow::channel);

    private AnalyzeCommand() {
    }

    /** Runs the command; returns 0 on success, 2 on a usage error or a malformed file, 1 if the output fails. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Instrument instrument = Instrument.sipas();
        Analysis analysis;
        String keyColumn;
        try {
            List<String> by = List.of(options.getOrDefault("by", "agency_code,year").split(","));
            if (!by.contains("year") || by.size() > 2) {
                throw new IllegalArgumentException("--by needs year and at most one of " + KEY_COLUMNS.keySet());
            }
            Optional<String> column = by.stream().filter(c -> !c.equals("year")).findFirst();
            if (column.isPresent() && !KEY_COLUMNS.containsKey(column.get())) {
                throw new IllegalArgumentException("cannot group by " + column.get() + "; use one of "
                        + KEY_COLUMNS.keySet());
            }
            keyColumn = column.map(KEY_COLUMNS::get).orElse("group");
            int minN = Integer.parseInt(options.getOrDefault("min-n", String.valueOf(Estimates.DEFAULT_MIN_N)));
            Path responses = Path.of(options.get("responses"));
            List<ResponseRow> rows = new ResponsesCsv(instrument).read(responses);
            Optional<Map<Integer, Map<String, Double>>> population = Optional.empty();
            if (options.containsKey("population")) {
                population = Optional.of(PopulationCsv.read(Path.of(options.get("population"))));
            }
            analysis = new Analysis(instrument, rows, column.map(KEYS::get), population, minN);
        } catch (MalformedCsvException e) {
            err.println("malformed file: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Path dir = Path.of(options.get("out"));
        try {
            new ResultFiles(analysis, keyColumn).write(dir);
        } catch (IllegalArgumentException e) {
            // Raised while estimating, e.g. a stratum without a population total.
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot write to " + dir + ": " + e.getMessage());
            return 1;
        }
        out.println("wrote criteria.csv, indices.csv, yoy.csv, alpha.csv and drivers.csv to " + dir);
        return 0;
    }

    private static Map<String, String> options(List<String> args) {
        List<String> known = List.of("responses", "population", "by", "min-n", "out");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            String name = flag.startsWith("--") ? flag.substring(2) : "";
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + flag);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            if (options.put(name, args.get(i + 1)) != null) {
                throw new IllegalArgumentException(flag + " given twice");
            }
        }
        for (String required : List.of("responses", "out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        String minN = options.get("min-n");
        if (minN != null && !minN.matches("\\d+")) {
            throw new IllegalArgumentException("--min-n needs a whole number");
        }
        return options;
    }
}
