package vn.hailong.imports;

import static vn.hailong.db.schema.Tables.CHANNEL;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_FIELD;
import static vn.hailong.db.schema.Tables.UNIT;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;

/**
 * The codes a response file names, read once per import: units (active or not, since old files rate units
 * since merged), services with their field, service fields (the strata) and channels. A country has some
 * ten thousand units and a few thousand services, so they fit in memory whatever the file's size.
 */
final class Codes {
    record Service(long id, String field) {
    }

    /** Units by code, and those the import creates; codes a unit had and ended units are found through history. */
    final Map<String, Long> units;
    final vn.hailong.units.UnitHistory history;
    final Map<String, Service> services;
    final Set<String> fields;
    final Set<String> channels;

    private Codes(Map<String, Long> units, vn.hailong.units.UnitHistory history, Map<String, Service> services,
                  Set<String> fields, Set<String> channels) {
        this.units = units;
        this.history = history;
        this.services = services;
        this.fields = fields;
        this.channels = channels;
    }

    static Codes read(DSLContext tx) {
        var units = new HashMap<>(tx.select(UNIT.CODE, UNIT.ID)
                .from(UNIT)
                .fetchMap(UNIT.CODE, UNIT.ID));
        var services = tx.select(SERVICE.CODE, SERVICE.ID, SERVICE_FIELD.CODE)
                .from(SERVICE)
                .join(SERVICE_FIELD).on(SERVICE_FIELD.ID.eq(SERVICE.FIELD_ID))
                .fetchMap(SERVICE.CODE, r -> new Service(r.value2(), r.value3()));
        var fields = Set.copyOf(tx.select(SERVICE_FIELD.CODE).from(SERVICE_FIELD).fetch(SERVICE_FIELD.CODE));
        var channels = Set.copyOf(tx.select(CHANNEL.CODE).from(CHANNEL).fetch(CHANNEL.CODE));
        return new Codes(units, vn.hailong.units.UnitHistory.read(tx), services, fields, channels);
    }
}
