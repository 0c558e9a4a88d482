package vn.hailong.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vn.hailong.Vietnam;
import vn.hailong.stats.StratumStatistics;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * What newly stored responses add to the rollups, at the pending key: an agency's day, by service, centre, channel,
 * stratum and flagged or not. A batch of ratings adds its sums as pending rows (rollup_pending, packed) in the
 * transaction that stores the ratings; {@link RollupFolder} folds them into the rollup store ({@link RollupStore}) a
 * moment later, many ratings at a time. Readers sum both, so a rating counts in every answer from the moment it
 * commits, exactly once. Imports and rebuilds add their sums to the store directly.
 */
public final class Rollups {
    private final Forms forms;

    public Rollups(Forms forms) {
        this.forms = forms;
    }

    /** Where a response's statistics go first: one pending row, an agency's day by every dimension. */
    public record Key(long agencyId, LocalDate day, long versionId, long serviceId, long centreId, String channel,
                      String stratum, boolean flagged) {

        public static Key of(long agencyId, OffsetDateTime submittedAt, long versionId, Long serviceId, Long centreId,
                             String channel, String stratum, boolean flagged) {
            return new Key(agencyId, Vietnam.day(submittedAt), versionId,
                    serviceId == null ? 0 : serviceId, centreId == null ? 0 : centreId, channel,
                    stratum == null ? "" : stratum, flagged);
        }
    }

    /**
     * What a set of responses adds to the rollups: per row, the statistics core's counts and sums and the
     * number of responses. A batch of submissions, a rebuild and an import all add through one of these.
     */
    public final class Additions {
        private final Map<Key, SufficientStatistics.Builder> builders = new HashMap<>();
        private final Map<Key, Long> responses = new HashMap<>();

        /** Adds one response, given by its answers in the version's order. */
        public void add(Key key, Short[] answers) {
            var form = forms.published(key.versionId()).orElseThrow(() ->
                    new IllegalStateException("questionnaire version " + key.versionId() + " is not published"));
            responses.merge(key, 1L, Long::sum);
            form.toResponse(answers, key.stratum()).ifPresent(response -> builders
                    .computeIfAbsent(key, k -> SufficientStatistics.builder(form.instrument().orElseThrow()))
                    .add(response));
        }

        /** How many rollup rows this holds: about 7 KB each (SIPAS), so a long run writes and starts afresh. */
        public int size() {
            return responses.size();
        }

        /** One rollup row's addition: its key, its number of responses and its counts and sums. */
        record Row(Key key, long responses, long[] counts, double[] sums) {
        }

        List<Row> rows() {
            var rows = new ArrayList<Row>(responses.size());
            for (var entry : responses.entrySet()) {
                var builder = builders.get(entry.getKey());
                var strata = builder == null ? Map.<String, StratumStatistics>of() : builder.build().strata();
                var stratum = strata.isEmpty() ? null : strata.values().iterator().next();
                rows.add(new Row(entry.getKey(), entry.getValue(), stratum == null ? new long[0] : stratum.counts(),
                        stratum == null ? new double[0] : stratum.sums()));
            }
            return rows;
        }

        /**
         * Binds everything as pending rows to ten parameters from {@code first} on, each an array with an element a
         * row: the key's columns in the table's order, the number of responses, the packed counts and sums (see
         * {@link PackedStatistics}). store_ratings (sql/V16) inserts them in the transaction that stores the
         * ratings: no read, no row another transaction writes, so a batch of ratings never waits on the rollups. The
         * rows count in every analytics answer from the moment they commit; {@link RollupFolder} folds them into the
         * rollup store soon after.
         */
        public void bindPending(Connection connection, PreparedStatement statement, int first) throws SQLException {
            var rows = rows();
            int n = rows.size();
            long[] agency = new long[n];
            var day = new java.sql.Date[n];
            long[] version = new long[n];
            long[] service = new long[n];
            long[] centre = new long[n];
            var channel = new String[n];
            var stratum = new String[n];
            var flagged = new Boolean[n];
            long[] responses = new long[n];
            var packed = new byte[n][];
            for (int i = 0; i < n; i++) {
                var row = rows.get(i);
                var key = row.key();
                agency[i] = key.agencyId();
                day[i] = java.sql.Date.valueOf(key.day());
                version[i] = key.versionId();
                service[i] = key.serviceId();
                centre[i] = key.centreId();
                channel[i] = key.channel();
                stratum[i] = key.stratum();
                flagged[i] = key.flagged();
                responses[i] = row.responses();
                packed[i] = PackedStatistics.pack(row.counts(), row.sums());
            }
            // Primitive arrays and byte[][]: the driver sends them in binary.
            statement.setObject(first, agency);
            statement.setArray(first + 1, connection.createArrayOf("date", day));
            statement.setObject(first + 2, version);
            statement.setObject(first + 3, service);
            statement.setObject(first + 4, centre);
            statement.setArray(first + 5, connection.createArrayOf("varchar", channel));
            statement.setArray(first + 6, connection.createArrayOf("varchar", stratum));
            statement.setArray(first + 7, connection.createArrayOf("bool", flagged));
            statement.setObject(first + 8, responses);
            statement.setObject(first + 9, packed);
        }

        /**
         * Adds everything to the rollups at once, in the transaction of {@code connection} (an import or a rebuild:
         * many ratings a row), taking the rollups' lock until it ends. See {@link RollupStore#add}.
         */
        public void addToRollups(Connection connection) throws SQLException {
            RollupStore.lock(connection);
            RollupStore.add(connection, sums());
        }

        /** Everything, as sums by pending key. */
        Map<Key, RollupSum> sums() {
            var sums = new HashMap<Key, RollupSum>();
            for (var row : rows()) {
                sums.computeIfAbsent(row.key(), k -> new RollupSum()).add(row.responses(), row.counts(), row.sums());
            }
            return sums;
        }
    }

    public Additions additions() {
        return new Additions();
    }
}
