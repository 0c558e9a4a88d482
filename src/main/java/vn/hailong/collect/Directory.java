package vn.hailong.collect;

import static vn.hailong.db.schema.Tables.COUNTER;
import static vn.hailong.db.schema.Tables.DIRECTORY_VERSION;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.SERVICE_FIELD;
import static vn.hailong.db.schema.Tables.SURVEY_LINK;
import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.UNIT_FORMER_CODE;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jooq.DSLContext;

import vn.hailong.units.UnitEvents;
import vn.hailong.units.UnitHistory;

/**
 * The codes a rating names (agency, service, centre, counter, questionnaire version), resolved to ids and
 * remembered for a few seconds: ratings arrive by the hundred a second, the catalogue changes by the day.
 * A change committed on any process (a unit deactivated or merged, a link turned off) reaches submissions within about
 * {@link #CHECK_EVERY}: every statement changing what codes resolve to bumps the one row of {@code directory_version}
 * (sql/V15) in its transaction, and this reads it at most once every {@link #CHECK_EVERY}; an answer remembered under
 * an older version is not used. On this server a survey link changed ({@link #forget}) or a unit event written
 * ({@link UnitEvents#generation}) is seen at once. {@link #TTL} bounds the rest (should the version not be read).
 */
public final class Directory {
    static final Duration TTL = Duration.ofSeconds(15);
    /** How often the shared catalogue version is read, at most: one query a second per process. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    record ServiceRef(long id, String field) {
    }

    /** A survey link as a rating checks it: the place it names (null parts name none) and whether it is in use. */
    record LinkRef(long id, long agencyId, Long serviceId, Long centreId, Long counterId, boolean active) {
    }

    /**
     * A remembered answer, good until {@code expiresAt}, while no unit event happened on this server and while the
     * shared catalogue version is the one read before the answer was looked up.
     */
    private record Entry(Object value, long expiresAt, long generation, long version) {
    }

    private final DSLContext dsl;
    private final Places places;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long version = -1;
    private volatile long versionReadAt = System.nanoTime() - CHECK_EVERY.toNanos();

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

    /**
     * What an agency code names today: the active agency with the code, or, for a code of an ended unit (or a code a
     * unit had), the unit that carries it on (merge, rename) or why none does (split, dissolved). Empty when no unit
     * has or had the code, or when the unit it leads to is not active.
     */
    Optional<Agency> agency(String code) {
        return remember("agency:" + code, () -> {
            var active = dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN).from(UNIT)
                    .where(UNIT.CODE.eq(code)).and(UNIT.ACTIVE)
                    .fetchOptional(r -> Agency.of(r.value1(), new Places.Named(r.value2(), r.value3(), r.value4())));
            // Most unknown codes are no unit's at all: the history is read only for a code some unit has or had.
            if (active.isPresent() || !dsl.fetchExists(UNIT, UNIT.CODE.eq(code))
                    && !dsl.fetchExists(UNIT_FORMER_CODE, UNIT_FORMER_CODE.CODE.eq(code))) {
                return active;
            }
            var day = vn.hailong.Vietnam.today();
            var history = UnitHistory.read(dsl);
            return history.resolve(code, day).flatMap(resolution -> agency(history, resolution, day));
        });
    }

    /** What the agency a link or an invitation was made for stands for today (itself, while it is valid). */
    Optional<Agency> current(long agencyId) {
        return remember("current:" + agencyId, () -> {
            var code = dsl.select(UNIT.CODE).from(UNIT).where(UNIT.ID.eq(agencyId)).fetchOptional(UNIT.CODE);
            return code.isEmpty() ? Optional.empty() : agency(code.get());
        });
    }

    private Optional<Agency> agency(UnitHistory history, UnitHistory.Resolution resolution, java.time.LocalDate day) {
        var named = named(resolution.named());
        if (!resolution.resolved()) {
            return Optional.of(new Agency(null, named, named,
                    resolution.successors().stream().map(u -> new Places.Served(u.id(), named(u))).toList(),
                    resolution.problem(day)));
        }
        var unit = resolution.unit();
        boolean active = dsl.fetchExists(UNIT, UNIT.ID.eq(unit.id()).and(UNIT.ACTIVE));
        return active ? Optional.of(new Agency(unit.id(), named(unit), named, List.of(), null)) : Optional.empty();
    }

    private static Places.Named named(UnitHistory.Unit u) {
        return new Places.Named(u.code(), u.nameVi(), u.nameEn());
    }

    /**
     * An agency as a rating names it today. {@code id} and {@code now} the agency rated (null id: none, see
     * {@code problem}); {@code named} the unit the code named (an ended one, when the code is old); {@code successors}
     * the units a split unit became, among which the citizen chooses; none with a null id: dissolved (or not yet
     * existing).
     */
    record Agency(Long id, Places.Named now, Places.Named named, List<Places.Served> successors, String problem) {
        static Agency of(long id, Places.Named named) {
            return new Agency(id, named, named, List.of(), null);
        }

        boolean resolved() {
            return id != null;
        }

        boolean split() {
            return id == null && !successors.isEmpty();
        }

        /** Whether a rating of {@code agencyId} is about this agency: it, or one a split unit became. */
        boolean admits(long agencyId) {
            return id != null ? id == agencyId : successors.stream().anyMatch(s -> s.id() == agencyId);
        }
    }

    /**
     * Whether a centre may receive a dossier of an agency: an active centre of the same province (the same top unit
     * of the tree). Since the 2025 reform a centre takes dossiers across the former boundaries; the agency that
     * decides is the rating's agency, the centre that received it its centre.
     */
    boolean receives(long centreId, long agencyId) {
        Optional<Long> centreTop = remember("centre-top:" + centreId, () -> dsl.select(SERVICE_CENTRE.UNIT_ID)
                .from(SERVICE_CENTRE).where(SERVICE_CENTRE.ID.eq(centreId)).and(SERVICE_CENTRE.ACTIVE)
                .fetchOptional(SERVICE_CENTRE.UNIT_ID).map(unit -> vn.hailong.units.Units.top(dsl, unit)));
        Optional<Long> agencyTop = remember("top:" + agencyId, () -> Optional.of(vn.hailong.units.Units.top(dsl, agencyId)));
        return centreTop.isPresent() && centreTop.get().equals(agencyTop.orElseThrow());
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

    /**
     * A survey link as its page shows it (SurveyLinksApi.get, asked by every citizen who opens one), remembered as
     * the links a rating names are: a change on this server is seen at once ({@link #forget}), on another within
     * {@link #CHECK_EVERY}.
     */
    Optional<SurveyLinks.Link> shown(String code, Supplier<Optional<SurveyLinks.Link>> lookup) {
        return remember("shown:" + code, lookup);
    }

    /** Forgets a link, so that this server sees a change to it at once rather than within {@link #TTL}. */
    void forget(String linkCode) {
        cache.remove("link:" + linkCode);
        cache.remove("shown:" + linkCode);
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
        long generation = UnitEvents.generation();
        // Read before the lookup: a change committed after this read bumps the version past it.
        long version = version(now);
        var entry = cache.get(key);
        if (entry != null && entry.expiresAt() - now > 0 && entry.generation() == generation
                && entry.version() == version) {
            return (Optional<T>) entry.value();
        }
        var value = lookup.get();
        if (cache.size() > 100_000) {
            cache.clear(); // codes sent by clients are unbounded; never let the cache grow with them
        }
        cache.put(key, new Entry(value, now + TTL.toNanos(), generation, version));
        return value;
    }

    /**
     * The shared catalogue version as last read, read again when {@link #CHECK_EVERY} has passed (by one request
     * thread; the others go on with the value read before, which is never newer than what they then look up).
     */
    private long version(long now) {
        if (now - versionReadAt >= CHECK_EVERY.toNanos() && reading.compareAndSet(false, true)) {
            try {
                version = dsl.select(DIRECTORY_VERSION.VERSION).from(DIRECTORY_VERSION)
                        .fetchSingle(DIRECTORY_VERSION.VERSION);
                versionReadAt = now;
            } finally {
                reading.set(false);
            }
        }
        return version;
    }
}
