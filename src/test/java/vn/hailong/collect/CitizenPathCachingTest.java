package vn.hailong.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.collect.bench.CitizenPath;

/**
 * The citizen's path is cheap to serve again: every answer on it carries a validator and caching rules that fit how
 * it can change, a client that has an answer gets 304 without a body, and what is sent from memory is what would be
 * computed.
 */
class CitizenPathCachingTest {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static TestApp app;
    static CitizenPages pages;
    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static String code;
    static String kioskToken;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        pages = new CitizenPages(app);
        var unit = pages.unit("XC", "Xã Bộ Nhớ Đệm", "Cache Commune");
        long centre = pages.centre("MC-XC", unit, "Một cửa xã Bộ Nhớ Đệm", "SIPAS");
        code = pages.surveyLink("XC", "MC-XC");
        kioskToken = ApiClient.anonymous(app).post("/api/v1/kiosk/enrolment",
                Map.of("code", pages.enrolmentCode(centre, "Kiosk"))).body().get("token").asText();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(pages.base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    static byte[] gunzip(byte[] gzipped) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    /** The headers every answer keeps: the content security policy and the others of http.SecurityHeaders. */
    static void secured(HttpResponse<?> response) {
        assertThat(header(response, "Content-Security-Policy")).contains("default-src 'self'");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(response, "X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void the_published_form_is_sent_from_memory_byte_for_byte_as_computed_kept_ten_minutes_and_answered_304_when_unchanged()
            throws Exception {
        var plain = get("/api/v1/forms/SIPAS");
        assertThat(plain.statusCode()).isEqualTo(200);
        secured(plain);
        assertThat(header(plain, "Cache-Control")).isEqualTo("public, max-age=600");
        assertThat(header(plain, "Vary")).isEqualTo("Accept-Encoding");
        var etag = header(plain, "ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(header(plain, "Content-Type")).startsWith("application/json");

        // The kiosk's set-up computes the same form on every request (the centre's kiosks show SIPAS).
        var kiosk = ApiClient.anonymous(app).header("Authorization", "Bearer " + kioskToken).get("/api/v1/kiosk/config");
        assertThat(kiosk.status()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(JSON.writeValueAsBytes(kiosk.body().get("form")));

        var gzipped = get("/api/v1/forms/SIPAS", "Accept-Encoding", "gzip, deflate, br");
        assertThat(header(gzipped, "Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
        // A strong tag names one encoding (RFC 9110 8.8.3): the gzipped bytes have their own.
        var gzippedTag = header(gzipped, "ETag");
        assertThat(gzippedTag).isEqualTo(etag.substring(0, etag.length() - 1) + "-gz\"");
        assertThat(get("/api/v1/forms/SIPAS", "If-None-Match", gzippedTag).statusCode())
                .as("the plain bytes are not what the gzipped tag names").isEqualTo(200);

        var again = get("/api/v1/forms/SIPAS", "If-None-Match", gzippedTag, "Accept-Encoding", "gzip");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(header(again, "ETag")).isEqualTo(gzippedTag);
        assertThat(header(again, "Cache-Control")).isEqualTo("public, max-age=600");
        // A weak comparison, as If-None-Match is compared, and a list of tags.
        assertThat(get("/api/v1/forms/SIPAS", "If-None-Match", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
        assertThat(get("/api/v1/forms/SIPAS", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        // Another questionnaire is another answer.
        var kioskForm = get("/api/v1/forms/KIOSK");
        assertThat(kioskForm.statusCode()).isEqualTo(200);
        assertThat(header(kioskForm, "ETag")).isNotEqualTo(etag);
        assertThat(get("/api/v1/forms/KIOSK", "If-None-Match", etag).statusCode()).isEqualTo(200);
        var missing = get("/api/v1/forms/NOPE", "If-None-Match", etag);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void a_link_is_revalidated_every_time_and_once_deactivated_answers_410_whatever_the_browser_has() throws Exception {
        var link = pages.surveyLink("XC", null);
        var first = get("/api/v1/survey-links/" + link);
        assertThat(first.statusCode()).isEqualTo(200);
        secured(first);
        assertThat(header(first, "Cache-Control")).isEqualTo("no-cache");
        var etag = header(first, "ETag");
        assertThat(etag).isNotNull();
        assertThat(JSON.readTree(first.body()).get("agency").get("nameVi").asText()).isEqualTo("Xã Bộ Nhớ Đệm");

        var unchanged = get("/api/v1/survey-links/" + link, "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        // Another link's answer is another tag.
        assertThat(header(get("/api/v1/survey-links/" + code), "ETag")).isNotEqualTo(etag);

        assertThat(pages.admin.patch("/api/v1/survey-links/" + link, Map.of("active", false)).status()).isEqualTo(200);
        var gone = get("/api/v1/survey-links/" + link, "If-None-Match", etag);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(header(gone, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(gone, "ETag")).isNull();

        assertThat(pages.admin.patch("/api/v1/survey-links/" + link, Map.of("active", true)).status()).isEqualTo(200);
        assertThat(get("/api/v1/survey-links/" + link, "If-None-Match", etag).statusCode()).isEqualTo(304);
        var none = get("/api/v1/survey-links/zzzzzzz", "If-None-Match", etag);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(header(none, "Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void the_short_link_redirect_is_kept_30_days() throws Exception {
        var redirect = get("/s/" + code);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(header(redirect, "Location")).isEqualTo("/survey/#" + code);
        assertThat(header(redirect, "Cache-Control")).isEqualTo("public, max-age=2592000");
        secured(redirect);
    }

    @Test
    void the_survey_page_is_revalidated_and_names_its_files_under_a_version_kept_a_year() throws Exception {
        var page = get("/survey/", "Accept-Encoding", "gzip");
        assertThat(page.statusCode()).isEqualTo(200);
        secured(page);
        assertThat(header(page, "Cache-Control")).isEqualTo("no-cache");
        assertThat(header(page, "Vary")).isEqualTo("Accept-Encoding");
        assertThat(header(page, "Content-Type")).startsWith("text/html");
        assertThat(header(page, "Content-Encoding")).isEqualTo("gzip");
        var html = new String(gunzip(page.body()), StandardCharsets.UTF_8);
        assertThat(html).contains("<html lang=\"vi\">").contains("Đang tải phiếu khảo sát…");
        var files = CitizenPath.files(html);
        assertThat(files).matches("/v/[A-Za-z0-9_-]{12}");
        assertThat(html).contains("href=\"" + files + "/lib/citizen.css\"", "src=\"" + files + "/survey/survey.js\"",
                "href=\"" + files + "/favicon.svg\"");
        assertThat(html).doesNotContain("=\"/lib/", "=\"/survey/");
        // Without the slash, as before (Javalin matches the route either way).
        assertThat(get("/survey").statusCode()).isEqualTo(200);

        var etag = header(page, "ETag");
        var again = get("/survey/", "If-None-Match", etag, "Accept-Encoding", "gzip");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        secured(again);

        // Every file the page and its modules load, under the version: kept a year, never asked again.
        for (var path : CitizenPath.gets(code, "SIPAS", files)) {
            if (!path.startsWith(files)) {
                continue;
            }
            var file = get(path, "Accept-Encoding", "gzip");
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(header(file, "Cache-Control")).as(path).isEqualTo("public, max-age=31536000, immutable");
            assertThat(header(file, "Vary")).as(path).isEqualTo("Accept-Encoding");
            secured(file);
            // The same bytes as the unversioned file, which is revalidated every time instead.
            var unversioned = get(path.substring(files.length()));
            assertThat(header(unversioned, "Cache-Control")).as(path).isEqualTo("no-cache");
            var body = "gzip".equals(header(file, "Content-Encoding")) ? gunzip(file.body()) : file.body();
            assertThat(body).as(path).isEqualTo(unversioned.body());
            var tag = header(unversioned, "ETag");
            assertThat(tag).as(path).isNotNull();
            assertThat(get(path.substring(files.length()), "If-None-Match", tag).statusCode()).as(path).isEqualTo(304);
        }
        // A version this release does not have is not served (a page of another release must be reloaded).
        assertThat(get("/v/AAAAAAAAAAAA/survey/survey.js").statusCode()).isEqualTo(404);
    }
}
