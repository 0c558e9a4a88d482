package vn.hailong.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * The migrated schema stays one a distributed PostgreSQL (Citus) can take (docs/scaling.md, "Towards a distributed
 * PostgreSQL"). Every table is classified: distributed by the unit its rows belong to, a reference table copied to
 * every node, or local to the coordinator. A distributed table carries its distribution column; each of its primary
 * keys, unique constraints and unique indexes includes it (Citus enforces no other); each of its foreign keys points
 * to a reference table or to a table of its co-location group through the distribution column. A reference table
 * points to reference tables only, a local one to local or reference ones. A new table fails here until it is
 * classified.
 */
class CitusCompatibilityTest {
    enum Kind { DISTRIBUTED, REFERENCE, LOCAL }

    /** How a table would be created on Citus: its kind and, for a distributed one, its column and co-location group. */
    record Placement(Kind kind, String column, String group, String why) {
        static Placement byUnit(String column, String why) {
            return new Placement(Kind.DISTRIBUTED, column, UNIT, why);
        }

        static Placement reference(String why) {
            return new Placement(Kind.REFERENCE, null, null, why);
        }

        static Placement local(String why) {
            return new Placement(Kind.LOCAL, null, null, why);
        }
    }

    /** The co-location group of everything distributed by the unit (agency) a row belongs to: bigint unit ids. */
    static final String UNIT = "unit";

    static final Map<String, Placement> TABLES = new LinkedHashMap<>();

    static {
        // Distributed: the tables that grow with the ratings, by the agency (the unit rated), co-located.
        TABLES.put("response", Placement.byUnit("agency_id", "the ratings; partitioned by year, each partition too"));
        TABLES.put("response_tally", Placement.byUnit("agency_id", "counts per agency and year, written with them"));
        TABLES.put("response_submission", Placement.byUnit("agency_id", "a rating's submission id, stored with it"));
        TABLES.put("rollup_pending", Placement.byUnit("agency_id", "a rating's rollup additions, stored with it"));
        TABLES.put("rollup", Placement.byUnit("unit_id",
                "the sums of a unit's subtree: a province's own rows are on the province's shard"));
        TABLES.put("invitation", Placement.byUnit("agency_id", "one per dossier, used by the rating"));
        TABLES.put("follow_up_case", Placement.byUnit("agency_id", "opened by the rating's insert, on its node"));
        TABLES.put("case_event", Placement.byUnit("agency_id", "a case's history"));
        TABLES.put("case_contact", Placement.byUnit("agency_id", "a case's contact"));
        TABLES.put("dossier", Placement.byUnit("agency_id", "one per dossier handled, joined with its ratings"));
        TABLES.put("dossier_month", Placement.byUnit("unit_id", "a unit's monthly dossier counts"));
        // Distributed on its own: which source ids an import has stored. Only ever looked up by the source's id, in
        // bulk by an import whose rows span many agencies, and an import knows a row's unit only after creating the
        // units it names: so by external_id, in a co-location group of its own.
        TABLES.put("imported_response", new Placement(Kind.DISTRIBUTED, "external_id", "imported_response",
                "looked up by the source's id only"));
        // Reference: small, read everywhere, joined with the distributed tables, written rarely.
        for (var table : List.of("unit_kind", "unit", "unit_placement", "unit_event", "unit_former_code",
                "service_centre", "counter", "service_field", "service", "unit_service", "population_total",
                "scale", "scale_level", "questionnaire", "questionnaire_version", "element", "criterion", "channel",
                "survey_link", "app_user", "api_key", "kiosk_device", "case_setting", "holiday", "target",
                "publication", "alert", "webhook", "notification_choice")) {
            TABLES.put(table, Placement.reference("the catalogue, units, questionnaires, users and settings"));
        }
        // Local to the coordinator: the application's own bookkeeping, never joined with a distributed table.
        for (var table : List.of("session", "audit_event", "outbox", "scheduled_run", "flyway_schema_history",
                "login_throttle", "server_secret", "directory_version")) {
            TABLES.put(table, Placement.local("the application's bookkeeping"));
        }
    }

    static String url;
    static CloseableDSLContext dsl;

    @BeforeAll
    static void migrate() {
        url = TestDatabase.fresh();
        Database.open(Optional.of(url), Path.of("target/unused")).close();
        dsl = TestApp.dsl(url);
    }

    @AfterAll
    static void close() {
        dsl.close();
    }

    /** The tables of the schema, partitions excluded (they are their parent's). */
    static List<String> tables() {
        return dsl.fetch("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1")
                .getValues(0, String.class);
    }

    @Test
    void every_table_is_classified_and_every_classified_table_exists() {
        assertThat(tables()).as("a new table must be classified in CitusCompatibilityTest.TABLES (distributed,"
                + " reference or local) and kept compatible").containsExactlyInAnyOrderElementsOf(TABLES.keySet());
    }

    @Test
    void the_only_partitions_are_those_of_response() {
        var parents = dsl.fetch("select distinct p.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                + " join pg_class p on p.oid = i.inhparent join pg_namespace n on n.oid = p.relnamespace"
                + " where n.nspname = 'public' and p.relkind in ('r', 'p')").getValues(0, String.class);
        assertThat(parents).containsExactly("response");
    }

    @Test
    void distributed_tables_carry_their_column_and_no_unique_key_spans_it() {
        var broken = new TreeMap<String, List<String>>();
        for (var entry : TABLES.entrySet()) {
            var problems = problems(entry.getKey(), entry.getValue());
            if (!problems.isEmpty()) {
                broken.put(entry.getKey(), problems);
            }
        }
        assertThat(broken).as("tables that Citus could not distribute as classified").isEmpty();
    }

    /** What keeps {@code table} from being created on Citus as {@code placement} says; empty when nothing. */
    static List<String> problems(String table, Placement placement) {
        var problems = new ArrayList<String>();
        if (placement.kind() == Kind.DISTRIBUTED) {
            var column = dsl.fetchOptional("select data_type, is_nullable from information_schema.columns"
                    + " where table_schema = 'public' and table_name = {0} and column_name = {1}", table,
                    placement.column());
            if (column.isEmpty()) {
                problems.add("no distribution column " + placement.column());
                return problems;
            }
            if (!"NO".equals(column.get().get(1, String.class))) {
                problems.add(placement.column() + " may be null");
            }
            if (UNIT.equals(placement.group()) && !"bigint".equals(column.get().get(0, String.class))) {
                problems.add(placement.column() + " is " + column.get().get(0, String.class)
                        + ", not bigint like the rest of its co-location group");
            }
            for (var index : dsl.fetch("select ic.relname, pg_get_indexdef(i.indexrelid),"
                    + " array(select a.attname::text from unnest(i.indkey) k join pg_attribute a"
                    + " on a.attrelid = i.indrelid and a.attnum = k) from pg_index i join pg_class ic on ic.oid ="
                    + " i.indexrelid where i.indrelid = {0}::regclass and i.indisunique", table)) {
                var columns = List.of(index.get(2, String[].class));
                if (!columns.contains(placement.column())) {
                    problems.add("unique index without " + placement.column() + ": " + index.get(1, String.class));
                }
            }
        }
        for (var key : dsl.fetch("select c.conname, t.relname,"
                + " array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a"
                + "   on a.attrelid = c.conrelid and a.attnum = k.n order by k.o),"
                + " array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o) join pg_attribute a"
                + "   on a.attrelid = c.confrelid and a.attnum = k.n order by k.o)"
                + " from pg_constraint c join pg_class t on t.oid = c.confrelid"
                + " where c.contype = 'f' and c.conrelid = {0}::regclass and c.conparentid = 0", table)) {
            var name = key.get(0, String.class);
            var target = key.get(1, String.class);
            var targetPlacement = TABLES.get(target);
            if (targetPlacement == null) {
                continue; // reported as unclassified
            }
            var from = List.of(key.get(2, String[].class));
            var to = List.of(key.get(3, String[].class));
            var ok = switch (placement.kind()) {
                case DISTRIBUTED -> targetPlacement.kind() == Kind.REFERENCE
                        || targetPlacement.kind() == Kind.DISTRIBUTED
                        && targetPlacement.group().equals(placement.group())
                        && from.indexOf(placement.column()) >= 0
                        && from.indexOf(placement.column()) == to.indexOf(targetPlacement.column());
                case REFERENCE -> targetPlacement.kind() == Kind.REFERENCE;
                case LOCAL -> targetPlacement.kind() != Kind.DISTRIBUTED;
            };
            if (!ok) {
                problems.add("foreign key " + name + " " + from + " to " + targetPlacement.kind().name().toLowerCase()
                        + " table " + target + " " + to);
            }
        }
        return problems;
    }

    @Test
    void every_partition_of_response_has_its_keys() {
        // Partitions get their parent's indexes and keys; one made by hand without them would not be distributed.
        var partitions = dsl.fetch("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                + " where i.inhparent = 'response'::regclass").getValues(0, String.class);
        assertThat(partitions).isNotEmpty();
        var parentIndexes = new TreeSet<>(dsl.fetch("select count(*) from pg_index where indrelid ="
                + " 'response'::regclass").getValues(0, Integer.class));
        for (var partition : partitions) {
            var indexes = dsl.fetchValue("select count(*) from pg_index i join pg_inherits h on h.inhrelid ="
                    + " i.indexrelid where i.indrelid = {0}::regclass", partition);
            assertThat(((Number) indexes).intValue()).as(partition).isEqualTo(parentIndexes.first());
        }
    }
}
