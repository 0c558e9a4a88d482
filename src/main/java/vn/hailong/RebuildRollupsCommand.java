package vn.hailong;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import vn.hailong.db.Database;
import vn.hailong.rollup.RollupStore;
import vn.hailong.survey.Forms;

/**
 * {@code java -jar hailong.jar rebuild-rollups [--from 2024-01-01] [--to 2026-01-01] [settings]}: recomputes the
 * rollups of the days [from, to), widened to whole years (a year's rows sum all its days), from the responses, in
 * one transaction, on the database the settings name.
 */
public final class RebuildRollupsCommand {
    private RebuildRollupsCommand() {
    }

    public static int run(List<String> args) {
        var rest = new ArrayList<String>();
        LocalDate from = LocalDate.of(2000, 1, 1);
        LocalDate to = Vietnam.today().plusDays(1);
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--from" -> from = LocalDate.parse(value(args, ++i, "--from"));
                    case "--to" -> to = LocalDate.parse(value(args, ++i, "--to"));
                    default -> rest.add(args.get(i));
                }
            }
            if (!from.isBefore(to)) {
                throw new StartupException("--from must come before --to");
            }
            var settings = Settings.from(System.getenv(), rest);
            try (var database = Database.open(settings.databaseUrl(), settings.dataDir())) {
                var dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
                var forms = new Forms(dsl);
                long started = System.nanoTime();
                var range = new LocalDate[] {from, to};
                long read;
                try (var progress = TerminalProgress.on(System.err)) {
                    read = dsl.transactionResult(trx -> RollupStore.rebuild(trx.dsl(), forms, range[0], range[1],
                            n -> progress.at("reading responses", n, "read")));
                }
                System.out.printf("Rebuilt the rollups of %d responses for the years %d to %d in %.1f s%n", read,
                        from.getYear(), to.minusDays(1).getYear(), (System.nanoTime() - started) / 1e9);
                return 0;
            }
        } catch (DateTimeParseException e) {
            System.err.println("hailong: --from and --to are dates like 2025-01-31, not '" + e.getParsedString() + "'");
            return 2;
        } catch (StartupException e) {
            System.err.println("hailong: " + e.getMessage());
            return 2;
        }
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new StartupException(flag + " needs a date");
        }
        return args.get(i);
    }
}
