package vn.hailong.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

import vn.hailong.Vietnam;

/**
 * Reads a large result row by row. PostgreSQL's driver only honours a fetch size inside a transaction
 * (with autocommit on it loads every row at once), so the cursor runs in a read-only one.
 */
final class Streaming {
    static final int FETCH_SIZE = 1_000;

    /** What to do with each row; may fail writing the download. */
    @FunctionalInterface
    interface RowHandler<R> {
        void accept(R row) throws IOException;
    }

    private Streaming() {
    }

    static <R extends Record> void forEach(DSLContext dsl, ResultQuery<R> query, RowHandler<R> handler) {
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            tx.execute("set transaction read only");
            try (var cursor = tx.fetchLazy(query.fetchSize(FETCH_SIZE))) {
                for (var row : cursor) {
                    try {
                        handler.accept(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        });
    }

    /** A moment as the wall-clock time in Vietnam, which is what the people reading the file live by. */
    static LocalDateTime vietnamTime(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(Vietnam.ZONE).toLocalDateTime();
    }
}
