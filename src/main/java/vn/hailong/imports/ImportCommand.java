package vn.hailong.imports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import vn.hailong.Settings;
import vn.hailong.StartupException;
import vn.hailong.TerminalProgress;
import vn.hailong.db.Database;
import vn.hailong.rollup.Rollups;
import vn.hailong.survey.DefaultContent;
import vn.hailong.survey.Forms;
import vn.hailong.units.Units;

/**
 * {@code java -jar hailong.jar import FILE [--questionnaire CODE] [--version N] [--create-missing-units]
 * [--unit-kind KIND] [--dry-run] [settings]}: the import of POST /api/v1/imports, on the database the settings
 * name (CSV, or XLSX when the file is a workbook). Exit status 0 when imported or checked, 2 with every problem
 * on standard error when nothing was imported.
 */
public final class ImportCommand {
    static final String USAGE = "usage: hailong import FILE [--questionnaire CODE] [--version N] [--create-missing-units]"
            + " [--unit-kind KIND] [--dry-run] [--database-url URL | --data-dir DIR]";

    private ImportCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path file = null;
        var questionnaire = ImportsApi.DEFAULT_QUESTIONNAIRE;
        Integer version = null;
        var kind = ImportsApi.DEFAULT_UNIT_KIND;
        boolean createMissingUnits = false;
        boolean dryRun = false;
        var rest = new ArrayList<String>();
        try {
            for (int i = 0; i < args.size(); i++) {
                var arg = args.get(i);
                switch (arg) {
                    case "--questionnaire" -> questionnaire = value(args, ++i, arg);
                    case "--version" -> version = number(value(args, ++i, arg));
                    case "--unit-kind" -> kind = value(args, ++i, arg);
                    case "--create-missing-units" -> createMissingUnits = true;
                    case "--dry-run" -> dryRun = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (file == null && !arg.startsWith("--")) {
                            file = Path.of(arg);
                        } else {
                            rest.add(arg);
                        }
                    }
                }
            }
            if (file == null) {
                throw new StartupException("name the file to import\n" + USAGE);
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new StartupException("cannot read " + file);
            }
            var settings = Settings.from(System.getenv(), rest);
            try (var database = Database.open(settings.databaseUrl(), settings.dataDir())) {
                var dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
                new DefaultContent(dsl).seed();
                var forms = new Forms(dsl);
                var code = questionnaire;
                var form = (version == null ? forms.latest(code) : forms.published(code, version)).orElseThrow(() ->
                        new StartupException("questionnaire " + code + " has no such published version"));
                if (!new Units(dsl).kindExists(dsl, kind)) {
                    throw new StartupException("unknown unit kind '" + kind + "'");
                }
                long started = System.nanoTime();
                ResponseImport.Outcome outcome;
                var name = file.getFileName().toString();
                try (var progress = TerminalProgress.on(err)) {
                    outcome = new ResponseImport(dsl, new Rollups(forms)).run(file, Sheet.Format.of(file),
                            new ResponseImport.Options(form, createMissingUnits, kind, dryRun),
                            "command:" + System.getProperty("user.name", "unknown"),
                            (phase, row) -> progress.at(name + ", " + phase, row, "rows"));
                }
                if (outcome.problemCount() > 0) {
                    for (var p : outcome.problems()) {
                        err.println(file.getFileName() + ": row " + p.row() + (p.column().isEmpty() ? "" : ", column "
                                + p.column()) + ": " + p.message());
                    }
                    err.printf("%,d problem%s; nothing was imported%n", outcome.problemCount(),
                            outcome.problemCount() == 1 ? "" : "s");
                    return 2;
                }
                out.printf("%s %,d new responses of %,d rows (%,d already imported, %d units created) as %s version %d"
                                + " in %.1f s%n", dryRun ? "Checked: would import" : "Imported", outcome.imported(),
                        outcome.rows(), outcome.skipped(), outcome.unitsCreated(), form.questionnaire(), form.version(),
                        (System.nanoTime() - started) / 1e9);
                return 0;
            }
        } catch (StartupException e) {
            err.println("hailong: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("hailong: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new StartupException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new StartupException("--version is a number, not '" + text + "'");
        }
    }
}
