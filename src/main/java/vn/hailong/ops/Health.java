package vn.hailong.ops;

import java.util.Map;

import javax.sql.DataSource;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** GET /health: is the server up, can it reach its database, which version is it. */
public final class Health {
    private final DataSource dataSource;
    private final String version;

    public Health(DataSource dataSource, String version) {
        this.dataSource = dataSource;
        this.version = version;
    }

    public void get(Context ctx) {
        boolean databaseUp = databaseUp();
        ctx.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of(
                        "status", databaseUp ? "up" : "down",
                        "database", databaseUp ? "up" : "down",
                        "version", version));
    }

    private boolean databaseUp() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
