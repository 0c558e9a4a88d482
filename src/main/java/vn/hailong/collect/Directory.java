package vn.hailong.collect;

import static vn.hailong.db.schema.Tables.COUNTER;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.SERVICE_FIELD;
import static vn.hailong.db.schema.Tables.SURVEY_LINK;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jooq.DSLContext;

/**
 * The codes a rating names (agency, service, centre, counter, questionnaire version), resolved to ids and
 * remembered for a few seconds: ratings arrive by the hundred a second, the catalogue changes by the day.
 * An admin's change (a unit deactivated, say) reaches submissions within {@link #TTL}; a survey link changed on this
 * server, at once (see {@link #forget}).
 */
public final class Directory {
    static final Duration TTL = Duration.ofSeconds(15);

    record ServiceRef(long id, String field) {
    }

    /** A survey link as a rating checks it: the place it names (null parts name none) and whether it is in use. */
    record LinkRef(long id, long agencyId, Long serviceId, Long centreId, Long counterId, boolean active) {
    }

    private record Entry(Object value, long expiresAt) {
    }

    private final DSLContext dsl;
    private final Places places;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public Directory(DSLContext dsl) {
        this.dsl = dsl;
        this.places = new Places(dsl);
    }

    /** Whether a centre serves an agency: the agencies its kiosk offers (see {@link Places#served}). */
    boolean serves(long centreId, long agencyId) {
        Optional<java.util.Set<Long>> agencies = remember("served:" + centreId, () -> Optional.of(places.served(centreId)
                .stream().map(Places.Served::id).collect(java.util.stream.Collectors.toUnmodifiableSet())));
        return agencies.orElseThrow().contains(agencyId);
    }

    /** Whether an agency lies within a caller's scope. */
    boolean within(vn.hailong.auth.UnitScope scope, long agencyId) {
        if (scope.all()) {
            return true;
        }
        Optional<Boolean> covered = remember("within:" + scope.root() + ":" + agencyId,
                () -> Optional.of(scope.covers(dsl, agencyId)));
        return covered.orElseThrow();
    }

    /** What an invitation binds a rating to; never remembered, as an invitation is used once. */
    Optional<Places.Binding> invitation(String token) {
        return places.binding(token);
    }

    Optional<Long> agency(String code) {
        return remember("agency:" + code, () -> dsl.select(UNIT.ID).from(UNIT)
                .where(UNIT.CODE.eq(code)).and(UNIT.ACTIVE).fetchOptional(UNIT.ID));
    }

    Optional<ServiceRef> service(String code) {
        return remember("service:" + code, () -> dsl.select(SERVICE.ID, SERVICE_FIELD.CODE)
                .from(SERVICE).join(SERVICE_FIELD).on(SERVICE_FIELD.ID.eq(SERVICE.FIELD_ID))
                .where(SERVICE.CODE.eq(code)).and(SERVICE.ACTIVE)
                .fetchOptional(r -> new ServiceRef(r.value1(), r.value2())));
    }

    Optional<Long> centre(String code) {
        return remember("centre:" + code, () -> dsl.select(SERVICE_CENTRE.ID).from(SERVICE_CENTRE)
                .where(SERVICE_CENTRE.CODE.eq(code)).fetchOptional(SERVICE_CENTRE.ID));
    }

    Optional<Long> counter(long centreId, String code) {
        return remember("counter:" + centreId + ":" + code, () -> dsl.select(COUNTER.ID).from(COUNTER)
                .where(COUNTER.CENTRE_ID.eq(centreId)).and(COUNTER.CODE.eq(code)).fetchOptional(COUNTER.ID));
    }

    Optional<LinkRef> link(String code) {
        return remember("link:" + code, () -> dsl.select(SURVEY_LINK.ID, SURVEY_LINK.AGENCY_ID, SURVEY_LINK.SERVICE_ID,
                        SURVEY_LINK.CENTRE_ID, SURVEY_LINK.COUNTER_ID, SURVEY_LINK.ACTIVE)
                .from(SURVEY_LINK)
                .where(SURVEY_LINK.CODE.eq(code))
                .fetchOptional(org.jooq.Records.mapping(LinkRef::new)));
    }

    /** Forgets a link, so that this server sees a change to it at once rather than within {@link #TTL}. */
    void forget(String linkCode) {
        cache.remove("link:" + linkCode);
    }

    /** A version by questionnaire code and number, published or not. */
    Optional<Long> version(String questionnaire, int version) {
        return remember("version:" + questionnaire + ":" + version, () -> dsl.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(questionnaire))
                .and(QUESTIONNAIRE_VERSION.VERSION.eq(version))
                .fetchOptional(QUESTIONNAIRE_VERSION.ID));
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> remember(String key, Supplier<Optional<T>> lookup) {
        long now = System.nanoTime();
        var entry = cache.get(key);
        if (entry != null && entry.expiresAt() - now > 0) {
            return (Optional<T>) entry.value();
        }
        var value = lookup.get();
        if (cache.size() > 100_000) {
            cache.clear(); // codes sent by clients are unbounded; never let the cache grow with them
        }
        cache.put(key, new Entry(value, now + TTL.toNanos()));
        return value;
    }
}
