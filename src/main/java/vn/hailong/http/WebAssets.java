package vn.hailong.http;

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

    private WebAssets(String version, Cached surveyPage) {
        this.version = version;
        this.surveyPage = surveyPage;
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
            return new WebAssets(version, Cached.of(versioned.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

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
