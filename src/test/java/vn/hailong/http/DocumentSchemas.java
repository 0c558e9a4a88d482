package vn.hailong.http;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

/**
 * The schemas of an OpenAPI 3.1 document, checked with networknt's JSON Schema validator in the OpenAPI 3.1
 * dialect, formats (date-time, uuid, …) asserted rather than only noted.
 */
final class DocumentSchemas {
    /** Where the validator believes the document lives; it is handed the text, never fetches anything. */
    private static final String IRI = "https://hailong.invalid/api/v1/openapi.json";

    private final SchemaRegistry registry;

    DocumentSchemas(JsonNode document) {
        var text = document.toString();
        registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(IRI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** What is wrong with a value against the schema at a JSON pointer of the document; empty when it fits. */
    List<String> problems(String pointer, JsonNode value) {
        Schema schema = registry.getSchema(SchemaLocation.of(IRI + "#" + pointer));
        return schema.validate(value).stream().map(Object::toString).toList();
    }
}
