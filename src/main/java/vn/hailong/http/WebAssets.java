package vn.hailong.http;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * The citizen's survey page with versioned addresses. Its style sheets, modules and icon are served a second time
 * under /v/{version}/, where {version} is a digest of every file of the web folder: a release that changes any of
 * them changes the version, so what is under one version never changes and browsers keep it for a year without
 * asking (and never mix two releases' modules). The page itself (/survey/) names them so; it is revalidated every
 * time (ETag, 304). The modules import each other by relative paths, so those under /v/{version}/ stay there.
 */
public final class WebAssets {
    /** The survey page's references to the files it loads: /lib/…, /survey/… and the icon. */
    private static final Pattern REFERENCE = Pattern.compile("(href|src)=\"/((?:lib|survey)/[^\"]+|favicon\\.svg)\"");

    private final String version;
    private final Cached surveyPage;
    /** Every file of the web folder by its path under /v/{version}/, its bytes and their gzip made once. */
    private final Map<String, Cached> files;

    private WebAssets(String version, Cached surveyPage, Map<String, Cached> files) {
        this.version = version;
        this.surveyPage = surveyPage;
        this.files = files;
    }

    /** Reads the web folder from the class path (a directory, or the application's jar). */
    public static WebAssets load() {
        try {
            var url = WebAssets.class.getResource("/web/survey/index.html");
            if (url == null) {
                throw new IllegalStateException("web/survey/index.html is not on the class path");
            }
            var page = url.toURI();
            var root = path(page).getParent().getParent();
            var version = digest(root);
            var html = Files.readString(root.resolve("survey/index.html"), StandardCharsets.UTF_8);
            var versioned = REFERENCE.matcher(html).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(1) + "=\"/v/" + version + "/" + m.group(2) + "\""));
            return new WebAssets(version, Cached.of(versioned.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8"),
                    files(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Cached> files(Path root) throws IOException {
        var files = new java.util.HashMap<String, Cached>();
        try (var walk = Files.walk(root)) {
            for (var file : walk.filter(Files::isRegularFile).toList()) {
                var name = root.relativize(file).toString().replace('\\', '/');
                var type = Optional.ofNullable(MimeTypes.DEFAULTS.getMimeByExtension(name))
                        .orElse("application/octet-stream");
                files.put(name, Cached.of(Files.readAllBytes(file), type.startsWith("text/") ? type + ";charset=utf-8"
                        : type));
            }
        }
        return Map.copyOf(files);
    }

    /**
     * Serves /v/{version}/… from memory in front of Javalin: these are most of a first visit's requests (3 style
     * sheets, 8 modules, the icon), and never change, so they skip its routing, access check and request log line
     * (bench/citizen.sh: about 75 µs of server CPU each through Javalin). Headers as Javalin's static files under
     * /v/ carry them: the security headers, a year's immutable caching, a strong ETag per encoding. Anything else,
     * another version's files included, goes on to Javalin.
     */
    public Handler.Wrapper handler() {
        var prefix = versionedPath() + "/";
        return new Handler.Wrapper() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                var method = request.getMethod();
                var path = Request.getPathInContext(request);
                if (!(HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) || !path.startsWith(prefix)) {
                    return super.handle(request, response, callback);
                }
                var file = files.get(path.substring(prefix.length()));
                if (file == null) {
                    return super.handle(request, response, callback);
                }
                boolean gzipped = file.gzip() != null && Cached.acceptsGzip(request.getHeaders().get("Accept-Encoding"));
                var tag = file.tag(gzipped);
                var headers = response.getHeaders();
                headers.put("Content-Security-Policy", SecurityHeaders.CSP);
                headers.put("X-Content-Type-Options", "nosniff");
                headers.put("X-Frame-Options", "DENY");
                headers.put("Referrer-Policy", "no-referrer");
                headers.put("Cache-Control", IMMUTABLE);
                headers.put("Vary", "Accept-Encoding");
                headers.put("ETag", tag);
                if (Cached.matches(request.getHeaders().get("If-None-Match"), tag)) {
                    response.setStatus(304);
                    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
                    return true;
                }
                var bytes = gzipped ? file.gzip() : file.body();
                headers.put("Content-Type", file.contentType());
                if (gzipped) {
                    headers.put("Content-Encoding", "gzip");
                }
                headers.put("Content-Length", bytes.length);
                response.setStatus(200);
                response.write(true, HttpMethod.HEAD.is(method) ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(bytes),
                        callback);
                return true;
            }
        };
    }

    /** What never changes is kept a year without a question. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** Where the web folder is served a second time, never changing: /v/{version}. */
    public String versionedPath() {
        return "/v/" + version;
    }

    /** GET /survey/: the page, naming its files under /v/{version}/; revalidated every time. */
    public void surveyPage(Context ctx) {
        surveyPage.send(ctx, "no-cache");
    }

    private static Path path(URI uri) throws IOException {
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        try {
            return FileSystems.getFileSystem(uri).provider().getPath(uri);
        } catch (FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri);
        }
    }

    /** 12 characters of a SHA-256 over every file's path and bytes, in path order. */
    private static String digest(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            var sha = MessageDigest.getInstance("SHA-256");
            for (var file : files.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> root.relativize(p).toString())).toList()) {
                sha.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
