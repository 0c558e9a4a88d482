package vn.hailong.ops;

import java.util.LinkedHashMap;
import java.util.Optional;

import javax.sql.DataSource;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vn.hailong.db.ReadPool;

/**
 * GET /health: is the server up, can it reach its database, which version is it; with DATABASE_READ_URL, also whether
 * the standby answers and how far behind it is. A standby down does not make the server down: the analytics are then
 * read on the primary.
 */
public final class Health {
    private final DataSource dataSource;
    private final String version;
    private final Optional<ReadPool> standby;

    public Health(DataSource dataSource, String version) {
        this(dataSource, version, Optional.empty());
    }

    public Health(DataSource dataSource, String version, Optional<ReadPool> standby) {
        this.dataSource = dataSource;
        this.version = version;
        this.standby = standby;
    }

    public void get(Context ctx) {
        boolean databaseUp = databaseUp();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("status", databaseUp ? "up" : "down");
        answer.put("database", databaseUp ? "up" : "down");
        answer.put("version", version);
        standby.ifPresent(reads -> {
            var freshness = reads.freshness();
            var said = new LinkedHashMap<String, Object>();
            said.put("status", freshness.isPresent() ? "up" : "down");
            freshness.ifPresent(f -> {
                said.put("lagSeconds", f.lagSeconds());
                said.put("asOf", f.asOfHeader());
            });
            said.put("reads", freshness.isPresent() ? "standby" : "primary");
            answer.put("standby", said);
        });
        ctx.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(answer);
    }

    private boolean databaseUp() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
