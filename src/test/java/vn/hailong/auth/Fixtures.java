package vn.hailong.auth;


import java.util.List;

import org.jooq.DSLContext;

import vn.hailong.TestApp;
import vn.hailong.centres.Centres;
import vn.hailong.units.Units;

/**
 * A small province for access tests: province P with departments A (and its office A1) and B, a centre,
 * a kiosk and a survey link in each department, users of every role (the manager belongs to A), and API keys of
 * every scope. Sessions are minted directly so tests need no password round trips.
 */
public final class Fixtures {
    public final long province;
    public final long unitA;
    public final long unitA1;
    public final long unitB;
    public final long centreA;
    public final long centreB;
    public final long counterA;
    public final long deviceA;
    public final long deviceB;
    public final long analyst;
    public final long manager;
    public final long interviewer;
    public final long spareUser;
    public final long admin;
    public final long spareKey;
    public final long serviceId;
    public final long sipasVersion;
    public final long draftVersion;
    public final long questionnaireId;
    public final String kioskToken;
    public final String keyInvitations;
    public final String keyImport;
    public final String keyRead;
    public final String keyInterviews;
    public final String keyDossiers;
    public final String linkA;
    public final String linkB;
    public final long caseA1;
    public final long caseB;
    private final Sessions sessions;

    public Fixtures(DSLContext dsl) {
        var units = new Units(dsl);
        province = units.insert(dsl, "P", "Tỉnh P", "Province P", "province", null);
        unitA = units.insert(dsl, "A", "Sở A", "Department A", "department", province);
        unitA1 = units.insert(dsl, "A1", "Văn phòng A1", "Office A1", "office", unitA);
        unitB = units.insert(dsl, "B", "Sở B", "Department B", "department", province);
        var centres = new Centres(dsl);
        centreA = centres.insert(dsl, new Centres.Centre(0, "CA", unitA, "Một cửa A", null, null, null, true));
        centreB = centres.insert(dsl, new Centres.Centre(0, "CB", unitB, "Một cửa B", null, null, null, true));
        counterA = centres.insertCounter(dsl, centreA, "Q1", "Quầy 1", null);
        var devices = new KioskDevices(dsl);
        deviceA = devices.create(dsl, centreA, "Kiosk A", null).device().id();
        deviceB = devices.create(dsl, centreB, "Kiosk B", null).device().id();
        var kiosk = devices.create(dsl, centreA, "Kiosk of the test", null);
        kioskToken = devices.enrol(kiosk.enrolmentCode()).orElseThrow().token();
        var users = new Users(dsl);
        admin = dsl.select(vn.hailong.db.schema.Tables.APP_USER.ID).from(vn.hailong.db.schema.Tables.APP_USER)
                .where(vn.hailong.db.schema.Tables.APP_USER.USERNAME.eq("admin")).fetchSingle().value1();
        analyst = users.insert(dsl, "analyst", null, "analyst-password", "analyst", null);
        manager = users.insert(dsl, "manager", null, "manager-password", "agency_manager", unitA);
        interviewer = users.insert(dsl, "interviewer", null, "interviewer-password", "interviewer", unitA);
        spareUser = users.insert(dsl, "spare", null, "spare-password", "analyst", null);
        var keys = new ApiKeys(dsl);
        keyInvitations = keys.create(dsl, "one-stop-shop", List.of("invitations"), null).secret();
        keyImport = keys.create(dsl, "importer", List.of("import"), null).secret();
        keyRead = keys.create(dsl, "reader", List.of("read"), null).secret();
        keyInterviews = keys.create(dsl, "survey team", List.of("interviews"), null).secret();
        keyDossiers = keys.create(dsl, "dossier system", List.of("dossiers"), null).secret();
        spareKey = keys.create(dsl, "spare", List.of("read"), null).key().id();
        serviceId = TestApp.one(dsl, "insert into service_field (code, name_vi) values ('HT', 'Hộ tịch');"
                + " insert into service (code, name_vi, field_id) select '1.000001', 'Khai sinh', id from service_field"
                + " returning id", Long.class);
        sipasVersion = TestApp.one(dsl, "select v.id from questionnaire_version v join questionnaire q"
                + " on q.id = v.questionnaire_id where q.code = 'SIPAS'", Long.class);
        questionnaireId = TestApp.one(dsl, "insert into questionnaire (code, name_vi, name_en, methodology)"
                + " values ('TEST', 'Thử', 'Test', 'SIPAS') returning id", Long.class);
        draftVersion = TestApp.one(dsl, "insert into questionnaire_version (questionnaire_id, version, title_vi, title_en)"
                + " values (" + questionnaireId + ", 1, 'Thử', 'Test') returning id", Long.class);
        linkA = TestApp.one(dsl, "insert into survey_link (code, agency_id, questionnaire) values ('linka23', {0}, 'SIPAS')"
                + " returning code", String.class, unitA);
        linkB = TestApp.one(dsl, "insert into survey_link (code, agency_id, questionnaire) values ('linkb23', {0}, 'SIPAS')"
                + " returning code", String.class, unitB);
        caseA1 = negativeRatingOpeningACase(dsl, unitA1);
        caseB = negativeRatingOpeningACase(dsl, unitB);
        sessions = new Sessions(dsl);
    }

    /** A one-tap rating "Rất không hài lòng" with a comment: the database opens a follow-up case for it (sql/V12). */
    static long negativeRatingOpeningACase(DSLContext dsl, long unitId) {
        dsl.execute("insert into response (agency_id, submitted_at, questionnaire_version_id, channel, answers, comment)"
                + " select {0}, now(), v.id, 'web', array[1]::smallint[], 'Chờ quá lâu' from questionnaire_version v"
                + " join questionnaire q on q.id = v.questionnaire_id where q.code = 'KIOSK'", unitId);
        return TestApp.one(dsl, "select max(id) from follow_up_case where agency_id = {0}", Long.class, unitId);
    }

    public Sessions.Created session(long userId) {
        return sessions.create(userId);
    }

    /**
     * Values for a route's path parameters: the own unit's resource first, then another unit's (when it matters).
     * A route with a parameter this has no value for fails the tests that walk the routes.
     */
    public List<String> pathValues(String method, String path) {
        if (path.contains("{questionnaire}")) {
            return List.of("SIPAS");
        }
        if (path.startsWith("/api/v1/targets/")) {
            return List.of("A1"); // unit A1, year "A1": refused naming the year, after the access check
        }
        if (path.startsWith("/api/v1/survey-links/")) {
            return List.of(linkA, linkB);
        }
        if (path.startsWith("/api/v1/alerts/")) {
            return List.of("0"); // no alert 0: a 404 for whoever may ask (AlertsTest holds the scope of real ones)
        }
        if (path.startsWith("/api/v1/publications/")) {
            return List.of("2025"); // unit 2025 does not exist: a 404 for whoever may ask
        }
        if (path.startsWith("/api/v1/webhooks/")) {
            return List.of("999999"); // no such webhook: a 404 for whoever may ask
        }
        if (path.startsWith("/api/v1/case-settings/")) {
            return List.of("A1");
        }
        if (path.startsWith("/api/v1/holidays/")) {
            return List.of("2030-01-02");
        }
        if (path.contains("{submissionId}")) {
            return List.of("3f0c2a4e-8d1b-4c59-9a7e-2b6f1d0e5c11"); // opened no case: a 422 or 404, after the access check
        }
        if (path.contains("{code}") || path.contains("{token}")) {
            return List.of("unknown");
        }
        return ids(method, path).stream().map(String::valueOf).toList();
    }

    private List<Long> ids(String method, String path) {
        if (path.startsWith("/api/v1/units/")) {
            return List.of(unitA1, unitB);
        }
        if (path.startsWith("/api/v1/centres/")) {
            return List.of(centreA, centreB);
        }
        if (path.startsWith("/api/v1/devices/")) {
            return List.of(deviceA, deviceB);
        }
        if (path.startsWith("/api/v1/counters/")) {
            return List.of(counterA);
        }
        if (path.startsWith("/api/v1/services/")) {
            return List.of(serviceId);
        }
        if (path.startsWith("/api/v1/questionnaires/")) {
            return List.of(questionnaireId);
        }
        if (path.startsWith("/api/v1/questionnaire-versions/")) {
            return List.of(method.equals("GET") ? sipasVersion : draftVersion);
        }
        if (path.startsWith("/api/v1/cases/")) {
            return List.of(caseA1, caseB);
        }
        if (path.startsWith("/api/v1/users/")) {
            return List.of(spareUser);
        }
        if (path.startsWith("/api/v1/api-keys/")) {
            return List.of(spareKey);
        }
        throw new AssertionError("No fixture for the path parameters of " + method + " " + path
                + ": add one to Fixtures.pathValues, and the expected answers for own and other units to the tests");
    }
}
