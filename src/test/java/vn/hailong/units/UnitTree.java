package vn.hailong.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vn.hailong.ApiClient;

/** The units tests of this package build their trees and ratings the same way: through the API, as an admin would. */
final class UnitTree {
    static final String CRITERIA = "TC1,TC2,TC3,TT1,TT2,TT3,TT4,CC1,CC2,CC3,KQ1,KQ2,KQ3,PA1,PA2,PA3,HL";

    private UnitTree() {
    }

    /** Makes unit {@code code} under the unit {@code parent} names in {@code ids} (null: at the top) and keeps its id. */
    static void unit(ApiClient admin, Map<String, Long> ids, String code, String kind, String parent) {
        var body = new HashMap<String, Object>(Map.of("code", code, "nameVi", "Đơn vị " + code, "kind", kind));
        if (parent != null) {
            body.put("parentId", ids.get(parent));
        }
        var created = admin.post("/api/v1/units", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        ids.put(code, created.body().get("id").asLong());
    }

    /**
     * Imports, for each unit code, that many SIPAS ratings in the first days of May 2024, at levels 1 to 5 in turn
     * (every criterion alike), then the {@code extra} rows (see {@link #row}).
     */
    static void rate(ApiClient admin, List<Map.Entry<String, Integer>> counts, String... extra) {
        var csv = new StringBuilder("response_id,submitted_at,agency_code,channel," + CRITERIA + "\n");
        int id = 0;
        for (var entry : counts) {
            for (int i = 0; i < entry.getValue(); i++) {
                csv.append(row("R" + id++, "2024-05-0" + (1 + i % 9), entry.getKey(), 1 + i % 5));
            }
        }
        for (var row : extra) {
            csv.append(row);
        }
        var imported = admin.send("POST", "/api/v1/imports?questionnaire=SIPAS", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
    }

    /** One rating of the import file: every criterion at {@code level}, through the web. */
    static String row(String id, String day, String agency, int level) {
        return id + "," + day + "," + agency + ",web" + ("," + level).repeat(17) + "\n";
    }
}
