package vn.hailong.auth;


import java.util.List;

import org.jooq.DSLContext;

import vn.hailong.TestApp;
import vn.hailong.centres.Centres;
import vn.hailong.units.Units;

/**
 * A small province for access tests: province P with departments A (and its office A1) and B, a centre
 * and a kiosk in each department, users of every role (the manager belongs to A), and API keys of
 * every scope. Sessions are minted directly so tests need no password round trips.
 */
final class Fixtures {
    final long province;
    final long unitA;
    final long unitA1;
    final long unitB;
    final long centreA;
    final long centreB;
    final long counterA;
    final long deviceA;
    final long deviceB;
    final long analyst;
    final long manager;
    final long spareUser;
    final long admin;
    final long spareKey;
    final long serviceId;
    final long sipasVersion;
    final long draftVersion;
    final long questionnaireId;
    final String kioskToken;
    final String keyInvitations;
    final String keyImport;
    final String keyRead;
    private final Sessions sessions;

    Fixtures(DSLContext dsl) {
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
        spareUser = users.insert(dsl, "spare", null, "spare-password", "analyst", null);
        var keys = new ApiKeys(dsl);
        keyInvitations = keys.create(dsl, "one-stop-shop", List.of("invitations"), null).secret();
        keyImport = keys.create(dsl, "importer", List.of("import"), null).secret();
        keyRead = keys.create(dsl, "reader", List.of("read"), null).secret();
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
        sessions = new Sessions(dsl);
    }

    Sessions.Created session(long userId) {
        return sessions.create(userId);
    }
}
