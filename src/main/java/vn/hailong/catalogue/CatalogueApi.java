package vn.hailong.catalogue;

import static vn.hailong.auth.AccessControl.principal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.jooq.DSLContext;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Rejected;
import vn.hailong.http.Rejected.Problem;
import vn.hailong.http.Requests;

/** HTTP for the service catalogue: fields, services, bulk import. */
public final class CatalogueApi {
    private final DSLContext dsl;
    private final Catalogue catalogue;

    public CatalogueApi(DSLContext dsl) {
        this.dsl = dsl;
        this.catalogue = new Catalogue(dsl);
    }

    record FieldBody(String code, String nameVi, String nameEn) {
    }

    record ServiceBody(String code, String nameVi, String nameEn, String fieldCode, Boolean active) {
    }

    public void fields(Context ctx) {
        ctx.json(catalogue.fields());
    }

    public void createField(Context ctx) {
        var body = Requests.json(ctx, FieldBody.class);
        var code = Requests.text("code", body.code(), 32);
        var nameVi = Requests.text("nameVi", body.nameVi(), 300);
        var nameEn = Requests.optionalText("nameEn", body.nameEn(), 300);
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            if (catalogue.fieldByCode(tx, code).isPresent()) {
                throw new ConflictResponse("A field with code '" + code + "' already exists.");
            }
            long id = catalogue.insertField(tx, code, nameVi, nameEn);
            var field = catalogue.field(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "service_field", id, null, null, field);
            return field;
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    public void services(Context ctx) {
        ctx.json(catalogue.services(blankToNull(ctx.queryParam("field")), blankToNull(ctx.queryParam("q"))));
    }

    public void get(Context ctx) {
        long id = Requests.id(ctx, "id");
        ctx.json(catalogue.service(dsl, id).orElseThrow(() -> new NotFoundResponse("No such service: " + id)));
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, ServiceBody.class);
        var code = Requests.text("code", body.code(), 64);
        var nameVi = Requests.text("nameVi", body.nameVi(), 500);
        var nameEn = Requests.optionalText("nameEn", body.nameEn(), 500);
        var fieldCode = Requests.text("fieldCode", body.fieldCode(), 32);
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var field = catalogue.fieldByCode(tx, fieldCode)
                    .orElseThrow(() -> Invalid.field("fieldCode", "no field has code '" + fieldCode + "'"));
            if (catalogue.serviceByCode(tx, code).isPresent()) {
                throw new ConflictResponse("A service with code '" + code + "' already exists.");
            }
            long id = catalogue.insertService(tx, code, nameVi, nameEn, field.id());
            var service = catalogue.service(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "service", id, null, null, service);
            return service;
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    public void update(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = Requests.json(ctx, ServiceBody.class);
        var updated = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = catalogue.service(tx, id).orElseThrow(() -> new NotFoundResponse("No such service: " + id));
            var code = body.code() == null ? before.code() : Requests.text("code", body.code(), 64);
            if (!code.equals(before.code()) && catalogue.serviceByCode(tx, code).isPresent()) {
                throw new ConflictResponse("A service with code '" + code + "' already exists.");
            }
            var field = body.fieldCode() == null ? catalogue.field(tx, before.fieldId()).orElseThrow()
                    : catalogue.fieldByCode(tx, body.fieldCode().strip())
                            .orElseThrow(() -> Invalid.field("fieldCode", "no field has code '" + body.fieldCode() + "'"));
            var after = new Catalogue.Service(id, code,
                    body.nameVi() == null ? before.nameVi() : Requests.text("nameVi", body.nameVi(), 500),
                    body.nameEn() == null ? before.nameEn() : Requests.optionalText("nameEn", body.nameEn(), 500),
                    field.id(), field.code(), body.active() == null ? before.active() : body.active());
            catalogue.updateService(tx, after);
            AuditLog.record(tx, principal(ctx), "update", "service", id, null, before, after);
            return after;
        });
        ctx.json(updated);
    }

    /** CSV with a header: code, name_vi, name_en, field_code. Creates or updates by code; all rows or none. */
    public void importCsv(Context ctx) {
        var text = ctx.body().startsWith("\uFEFF") ? ctx.body().substring(1) : ctx.body();
        var result = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var problems = new ArrayList<Problem>();
            int created = 0;
            int updated = 0;
            int rows = 0;
            try (var parser = CSVParser.parse(new StringReader(text),
                    CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get())) {
                for (var column : List.of("code", "name_vi", "field_code")) {
                    if (!parser.getHeaderMap().containsKey(column)) {
                        throw new Rejected(List.of(new Problem(1, column,
                                "missing column; expected code,name_vi,name_en,field_code")));
                    }
                }
                var seen = new HashSet<String>();
                for (var record : parser) {
                    rows++;
                    int line = (int) record.getRecordNumber() + 1;
                    var code = cell(record, "code");
                    var nameVi = cell(record, "name_vi");
                    var fieldCode = cell(record, "field_code");
                    if (code == null || nameVi == null || fieldCode == null) {
                        problems.add(new Problem(line, code == null ? "code" : nameVi == null ? "name_vi" : "field_code",
                                "is empty"));
                        continue;
                    }
                    if (!seen.add(code)) {
                        problems.add(new Problem(line, "code", "'" + code + "' appears twice in the file"));
                        continue;
                    }
                    var field = catalogue.fieldByCode(tx, fieldCode);
                    if (field.isEmpty()) {
                        problems.add(new Problem(line, "field_code", "no field has code '" + fieldCode + "'"));
                        continue;
                    }
                    var existing = catalogue.serviceByCode(tx, code);
                    if (existing.isPresent()) {
                        var e = existing.get();
                        var after = new Catalogue.Service(e.id(), code, nameVi, cell(record, "name_en"), field.get().id(),
                                fieldCode, e.active());
                        if (!after.equals(e)) {
                            catalogue.updateService(tx, after);
                            updated++;
                        }
                    } else {
                        catalogue.insertService(tx, code, nameVi, cell(record, "name_en"), field.get().id());
                        created++;
                    }
                }
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                problems.add(new Problem(rows + 2, "", "not readable as CSV: " + e.getMessage()));
            }
            if (rows == 0 && problems.isEmpty()) {
                problems.add(new Problem(1, "", "the file has no rows"));
            }
            if (!problems.isEmpty()) {
                throw new Rejected(problems);
            }
            var summary = Map.of("rows", rows, "created", created, "updated", updated);
            AuditLog.record(tx, principal(ctx), "import", "service", null, null, null, summary);
            return summary;
        });
        ctx.json(result);
    }

    private static String cell(org.apache.commons.csv.CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        return blankToNull(record.get(column));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
