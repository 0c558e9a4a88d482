package vn.hailong.ops;

import static vn.hailong.db.schema.Tables.RESPONSE_TALLY;


import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import com.zaxxer.hikari.HikariDataSource;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import vn.hailong.db.ReadPool;

/** Prometheus metrics: HTTP requests, the connection pool, and how many responses are stored. */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics(DSLContext dsl, HikariDataSource pool) {
        if (pool != null) {
            pool.setMetricRegistry(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Read from the tally a trigger keeps, so a scrape never counts raw responses.
        Gauge.builder("hailong.responses.stored", dsl, Metrics::responsesStored)
                .description("Responses stored in the database")
                .register(registry);
    }

    /**
     * The standby the analytics read from (DATABASE_READ_URL): its pool ("hailong-read"), whether it answers, and how
     * many seconds behind it is (NaN while it does not answer), as the prober last measured them.
     */
    public void standby(ReadPool reads) {
        reads.pool().setMetricRegistry(registry);
        Gauge.builder("hailong.standby.up", reads, r -> r.up() ? 1 : 0)
                .description("1 while the standby answers (the analytics are read there), 0 while the primary answers them")
                .register(registry);
        Gauge.builder("hailong.standby.lag.seconds", reads,
                        r -> r.freshness().map(f -> (double) f.lagSeconds()).orElse(Double.NaN))
                .description("How many seconds the standby's figures may be behind the primary")
                .register(registry);
    }

    void recordRequest(String method, String route, int status, float millis) {
        // Looked up once per method, route template and status, not built and registered again on every request.
        timers.computeIfAbsent(new TimerKey(method, route, status), k -> Timer.builder("http.server.requests")
                        .description("HTTP requests by route template and status")
                        .tags("method", method, "route", route, "status", Integer.toString(status))
                        .publishPercentileHistogram()
                        .register(registry))
                .record((long) (millis * 1_000_000), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private record TimerKey(String method, String route, int status) {
    }

    private final java.util.Map<TimerKey, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    public void get(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    private static double responsesStored(DSLContext dsl) {
        try {
            return dsl.select(DSL.coalesce(DSL.sum(RESPONSE_TALLY.RESPONSES), DSL.inline(java.math.BigDecimal.ZERO)))
                    .from(RESPONSE_TALLY)
                    .fetchOne(0, Double.class);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
