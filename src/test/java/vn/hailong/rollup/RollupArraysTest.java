package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;

import vn.hailong.TestDatabase;
import vn.hailong.db.DatabaseUrl;

/** Rollup arrays read from PostgreSQL's bytes equal what the driver reads, sent in binary or as text. */
class RollupArraysTest {
    static final String SQL = "select array[0, 1, -7, 9007199254740993]::bigint[],"
            + " array[0.5, -0.25, 1e300, 'Infinity', 12345.678901234567]::float8[], '{}'::bigint[], '{}'::float8[]";

    @Test
    void binary_and_text_arrays_read_as_the_driver_reads_them() throws Exception {
        var url = DatabaseUrl.parse(TestDatabase.fresh());
        for (boolean binary : new boolean[] {true, false}) {
            var properties = new java.util.Properties();
            properties.setProperty("user", url.user().orElse("postgres"));
            properties.setProperty("password", url.password().orElse(""));
            properties.setProperty("preferQueryMode", binary ? "extended" : "simple"); // simple: always text
            try (var c = DriverManager.getConnection(url.jdbcUrl(), properties);
                 var statement = c.prepareStatement(SQL)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary from the first call
                try (var r = statement.executeQuery()) {
                    r.next();
                    assertThat(r.getBytes(1)[0]).as("binary %s", binary).isEqualTo(binary ? (byte) 0 : (byte) '{');
                    assertThat(RollupArrays.longs(r.getBytes(1))).containsExactly(0, 1, -7, 9007199254740993L);
                    assertThat(RollupArrays.doubles(r.getBytes(2)))
                            .containsExactly(0.5, -0.25, 1e300, Double.POSITIVE_INFINITY, 12345.678901234567);
                    var driver = (Double[]) r.getArray(2).getArray();
                    assertThat(RollupArrays.doubles(r.getBytes(2))).containsExactly(
                            java.util.Arrays.stream(driver).mapToDouble(Double::doubleValue).toArray());
                    assertThat(RollupArrays.longs(r.getBytes(3))).isEmpty();
                    assertThat(RollupArrays.doubles(r.getBytes(4))).isEmpty();
                }
            }
        }
    }
}
