package vn.hailong.auth;

import static vn.hailong.db.schema.Tables.KIOSK_DEVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Kiosk devices. An admin or agency manager creates one for a centre and gets a one-time enrolment code
 * (valid 24 hours); the kiosk exchanges it once for a device token, sent as {@code Bearer hld_…}.
 */
public final class KioskDevices {
    static final String PREFIX = "hld_";
    static final Duration CODE_LIFETIME = Duration.ofHours(24);

    private final DSLContext dsl;

    public KioskDevices(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Device(long id, String name, long centreId, String centreName, long unitId, String status,
                         OffsetDateTime enrolmentExpiresAt, OffsetDateTime enrolledAt, OffsetDateTime lastSeenAt,
                         OffsetDateTime revokedAt) {
    }

    public record WithCode(Device device, String enrolmentCode) {
    }

    public record Enrolled(String token, long deviceId, long centreId) {
    }

    List<Device> list(Condition scope) {
        return select(dsl).where(scope).orderBy(KIOSK_DEVICE.ID).fetch(KioskDevices::device);
    }

    Optional<Device> find(DSLContext tx, long id, Condition scope) {
        return select(tx).where(KIOSK_DEVICE.ID.eq(id)).and(scope).fetchOptional(KioskDevices::device);
    }

    public WithCode create(DSLContext tx, long centreId, String name, Long createdBy) {
        var code = Tokens.newEnrolmentCode();
        var id = tx.insertInto(KIOSK_DEVICE)
                .set(KIOSK_DEVICE.CENTRE_ID, centreId)
                .set(KIOSK_DEVICE.NAME, name)
                .set(KIOSK_DEVICE.ENROLMENT_CODE_HASH, Tokens.hash(code))
                .set(KIOSK_DEVICE.ENROLMENT_EXPIRES_AT, OffsetDateTime.now().plus(CODE_LIFETIME))
                .set(KIOSK_DEVICE.CREATED_BY, createdBy)
                .returning(KIOSK_DEVICE.ID)
                .fetchSingle(KIOSK_DEVICE.ID);
        return new WithCode(find(tx, id, org.jooq.impl.DSL.noCondition()).orElseThrow(), code);
    }

    /** A fresh enrolment code; the device's current token, if any, stops working. */
    String renewCode(DSLContext tx, long id) {
        var code = Tokens.newEnrolmentCode();
        tx.update(KIOSK_DEVICE)
                .set(KIOSK_DEVICE.ENROLMENT_CODE_HASH, Tokens.hash(code))
                .set(KIOSK_DEVICE.ENROLMENT_EXPIRES_AT, OffsetDateTime.now().plus(CODE_LIFETIME))
                .setNull(KIOSK_DEVICE.TOKEN_HASH)
                .setNull(KIOSK_DEVICE.ENROLLED_AT)
                .setNull(KIOSK_DEVICE.REVOKED_AT)
                .where(KIOSK_DEVICE.ID.eq(id))
                .execute();
        return code;
    }

    boolean revoke(DSLContext tx, long id) {
        return tx.update(KIOSK_DEVICE)
                .set(KIOSK_DEVICE.REVOKED_AT, OffsetDateTime.now())
                .setNull(KIOSK_DEVICE.TOKEN_HASH)
                .setNull(KIOSK_DEVICE.ENROLMENT_CODE_HASH)
                .where(KIOSK_DEVICE.ID.eq(id))
                .and(KIOSK_DEVICE.REVOKED_AT.isNull())
                .execute() == 1;
    }

    /** Exchanges a valid, unused enrolment code for a device token; the code then stops working. */
    public Optional<Enrolled> enrol(String code) {
        var token = Tokens.newToken(PREFIX);
        var now = OffsetDateTime.now();
        return dsl.update(KIOSK_DEVICE)
                .set(KIOSK_DEVICE.TOKEN_HASH, Tokens.hash(token))
                .set(KIOSK_DEVICE.ENROLLED_AT, now)
                .setNull(KIOSK_DEVICE.ENROLMENT_CODE_HASH)
                .setNull(KIOSK_DEVICE.ENROLMENT_EXPIRES_AT)
                .where(KIOSK_DEVICE.ENROLMENT_CODE_HASH.eq(Tokens.hash(normalise(code))))
                .and(KIOSK_DEVICE.ENROLMENT_EXPIRES_AT.gt(now))
                .and(KIOSK_DEVICE.REVOKED_AT.isNull())
                .returning(KIOSK_DEVICE.ID, KIOSK_DEVICE.CENTRE_ID)
                .fetchOptional(r -> new Enrolled(token, r.getId(), r.getCentreId()));
    }

    Optional<Principal> authenticate(String token) {
        return dsl.update(KIOSK_DEVICE)
                .set(KIOSK_DEVICE.LAST_SEEN_AT, OffsetDateTime.now())
                .where(KIOSK_DEVICE.TOKEN_HASH.eq(Tokens.hash(token)))
                .and(KIOSK_DEVICE.REVOKED_AT.isNull())
                .returning(KIOSK_DEVICE.ID, KIOSK_DEVICE.NAME, KIOSK_DEVICE.CENTRE_ID)
                .fetchOptional(r -> new Principal(Principal.Kind.DEVICE, r.getId(), r.getName(), Set.of(Access.KIOSK),
                        null, r.getCentreId(), null));
    }

    static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static org.jooq.SelectOnConditionStep<?> select(DSLContext tx) {
        return tx.select(KIOSK_DEVICE.ID, KIOSK_DEVICE.NAME, KIOSK_DEVICE.CENTRE_ID, SERVICE_CENTRE.NAME_VI,
                        SERVICE_CENTRE.UNIT_ID, KIOSK_DEVICE.ENROLMENT_EXPIRES_AT, KIOSK_DEVICE.ENROLLED_AT,
                        KIOSK_DEVICE.LAST_SEEN_AT, KIOSK_DEVICE.REVOKED_AT)
                .from(KIOSK_DEVICE)
                .join(SERVICE_CENTRE).on(SERVICE_CENTRE.ID.eq(KIOSK_DEVICE.CENTRE_ID));
    }

    private static Device device(org.jooq.Record r) {
        var revoked = r.get(KIOSK_DEVICE.REVOKED_AT);
        var enrolled = r.get(KIOSK_DEVICE.ENROLLED_AT);
        var status = revoked != null ? "revoked" : enrolled != null ? "enrolled" : "awaiting_enrolment";
        return new Device(r.get(KIOSK_DEVICE.ID), r.get(KIOSK_DEVICE.NAME), r.get(KIOSK_DEVICE.CENTRE_ID),
                r.get(SERVICE_CENTRE.NAME_VI), r.get(SERVICE_CENTRE.UNIT_ID), status,
                r.get(KIOSK_DEVICE.ENROLMENT_EXPIRES_AT), enrolled, r.get(KIOSK_DEVICE.LAST_SEEN_AT), revoked);
    }
}
