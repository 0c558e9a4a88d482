package vn.hailong.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

class QrApiTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_link_becomes_an_svg_or_a_png_qr_code_of_bounded_size() throws Exception {
        var client = ApiClient.anonymous(app);
        var svg = client.get("/api/v1/qr?text=https%3A%2F%2Fhailong.example%2Fs%2Fabc1234");
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.raw().body()).startsWith("<svg").contains("viewBox");
        var png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.app.port()
                + "/api/v1/qr?format=png&scale=4&text=hello")).build(), HttpResponse.BodyHandlers.ofByteArray());
        var image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isEqualTo((21 + 8) * 4);
        var unscaled = client.download("/api/v1/qr?format=png&text=hello");
        assertThat(unscaled.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(unscaled.body())).getWidth()).as("8 pixels a module")
                .isEqualTo((21 + 8) * 8);
        assertThat(client.get("/api/v1/qr").body().get("field").asText()).isEqualTo("text");
        assertThat(client.get("/api/v1/qr?text=x&format=gif").body().get("field").asText()).isEqualTo("format");
        assertThat(client.get("/api/v1/qr?format=png&scale=40&text=" + "x".repeat(900)).body().get("field").asText())
                .isEqualTo("scale");
        assertThat(client.get("/api/v1/qr?format=png&scale=0&text=x").status()).isEqualTo(400);
    }
}
