package vn.hailong.http;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.javalin.http.ContentType;
import io.javalin.http.Context;

/**
 * GET /api/v1/openapi.json: the OpenAPI document, written by hand in {@code src/main/resources/openapi.yaml}
 * (YAML reads better in review) and served as JSON, with the running version filled in.
 */
public final class OpenApi {
    private static final String RESOURCE = "/openapi.yaml";
    private final byte[] json;

    public OpenApi(String version) {
        var document = document();
        ((ObjectNode) document.get("info")).put("version", version);
        try {
            this.json = new ObjectMapper().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as written, read from the classpath. */
    private static ObjectNode document() {
        try (var in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void get(Context ctx) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(json);
    }
}
