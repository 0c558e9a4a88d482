package vn.hailong.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import vn.hailong.ApiClient;
import vn.hailong.analytics.ReferenceIndices;

/** What the reference vectors need to be imported: province P with agencies AG01–AG03, and their strata as service fields. */
final class VectorsProvince {
    static final Path RESPONSES = ReferenceIndices.VECTORS.resolve("responses.csv");
    static final String CSV = "text/csv";

    private VectorsProvince() {
    }

    static void create(ApiClient admin) {
        var province = admin.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh", "kind", "province"))
                .body().get("id").asLong();
        for (var code : new String[] {"AG01", "AG02", "AG03"}) {
            assertThat(admin.post("/api/v1/units", Map.of("code", code, "nameVi", "Cơ quan " + code,
                    "kind", "department", "parentId", province)).status()).isEqualTo(201);
        }
        for (var field : new String[] {"HT", "XD", "KD", "DD"}) {
            assertThat(admin.post("/api/v1/service-fields", Map.of("code", field, "nameVi", "Lĩnh vực " + field))
                    .status()).isEqualTo(201);
        }
    }

    static byte[] responses() {
        try {
            return Files.readAllBytes(RESPONSES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
