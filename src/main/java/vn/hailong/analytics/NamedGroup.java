package vn.hailong.analytics;

import static org.jooq.Records.mapping;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jooq.DSLContext;

import com.fasterxml.jackson.annotation.JsonValue;

import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Group;

/**
 * A group as answers show it: units, services and centres named, the other dimensions as their values. Only the
 * dimensions asked for ({@code by}) are written, in the order asked for, so its JSON is an object with those keys; a
 * service or centre is null for the responses given without one.
 */
record NamedGroup(List<Dimension> by, Name unit, Name service, Name centre, String channel, Integer year,
                  String quarter, String month) {

    /** A unit, service or centre: its id, code and names (an English name may be missing). */
    record Name(Long id, String code, String nameVi, String nameEn) {
    }

    /** This group's value of a dimension: a {@link Name}, a channel or a period. */
    Object value(Dimension dimension) {
        return switch (dimension) {
            case UNIT -> unit;
            case SERVICE -> service;
            case CENTRE -> centre;
            case CHANNEL -> channel;
            case YEAR -> year;
            case QUARTER -> quarter;
            case MONTH -> month;
        };
    }

    @JsonValue
    Map<String, Object> json() {
        var json = new LinkedHashMap<String, Object>();
        by.forEach(d -> json.put(d.name().toLowerCase(Locale.ROOT), value(d)));
        return json;
    }

    /** Names the groups of one answer, looking each unit, service and centre up once. */
    static final class Names {
        private final DSLContext dsl;
        private final Map<String, Name> cache = new HashMap<>();

        Names(DSLContext dsl) {
            this.dsl = dsl;
        }

        NamedGroup group(List<Dimension> by, Group key) {
            return new NamedGroup(by, unit(key.unit()), service(key.service()), centre(key.centre()), key.channel(),
                    key.year(), key.quarter(), key.month());
        }

        private Name unit(Long id) {
            return id == null ? null : cache.computeIfAbsent("u" + id, k -> dsl
                    .select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN)
                    .from(UNIT)
                    .where(UNIT.ID.eq(id))
                    .fetchOne(mapping(Name::new)));
        }

        private Name service(Long id) {
            return id == null || id == 0 ? null : cache.computeIfAbsent("s" + id, k -> dsl
                    .select(SERVICE.ID, SERVICE.CODE, SERVICE.NAME_VI, SERVICE.NAME_EN)
                    .from(SERVICE)
                    .where(SERVICE.ID.eq(id))
                    .fetchOne(mapping(Name::new)));
        }

        private Name centre(Long id) {
            return id == null || id == 0 ? null : cache.computeIfAbsent("c" + id, k -> dsl
                    .select(SERVICE_CENTRE.ID, SERVICE_CENTRE.CODE, SERVICE_CENTRE.NAME_VI, SERVICE_CENTRE.NAME_EN)
                    .from(SERVICE_CENTRE)
                    .where(SERVICE_CENTRE.ID.eq(id))
                    .fetchOne(mapping(Name::new)));
        }
    }
}
