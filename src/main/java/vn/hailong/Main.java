package vn.hailong;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.analyze.AnalyzeCommand;
import vn.hailong.imports.ImportCommand;

/** Command line: starts the server, or runs one of the file commands. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        var arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("analyze")) {
            System.exit(AnalyzeCommand.run(arguments.subList(1, arguments.size()), System.out, System.err));
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("import")) {
            System.exit(ImportCommand.run(arguments.subList(1, arguments.size()), System.out, System.err));
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("rebuild-rollups")) {
            System.exit(RebuildRollupsCommand.run(arguments.subList(1, arguments.size())));
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(Settings.help());
            return;
        }
        if (arguments.contains("--version")) {
            System.out.println("hailong " + App.VERSION);
            return;
        }
        int status = serve(arguments);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Starts the server and returns; Jetty's threads keep running until SIGTERM runs the shutdown hook. */
    private static int serve(List<String> arguments) {
        try {
            var settings = Settings.from(System.getenv(), arguments);
            var app = App.start(settings);
            var url = settings.publicBase(app.port());
            System.out.println("Hài Lòng is ready at " + url + "/ (staff sign in at " + url + "/login.html)");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                // Flush the asynchronous log appender, so the last lines are not lost.
                if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
                    context.stop();
                }
            }, "hailong-shutdown"));
            return 0;
        } catch (StartupException e) {
            log.debug("start-up failed", e);
            System.err.println("hailong: " + e.getMessage());
            return 2;
        }
    }
}
