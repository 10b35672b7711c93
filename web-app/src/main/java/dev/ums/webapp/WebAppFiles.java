package dev.ums.webapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the web app's static files (our pages and scripts, noVNC's ES modules) from the class path under
 * {@value #PREFIX}, gzipped for browsers that accept it (compressed once per file), with an ETag per file, {@code Cache-Control: no-cache} (the browser revalidates and gets a
 * 304 while nothing changed, so a server upgrade never mixes old and new modules), a strict Content Security
 * Policy and the usual hardening headers. Paths under {@value #API_PREFIX} and every method but GET and HEAD
 * are left to the next handler. Called on Jetty's request threads; thread-safe.
 */
public final class WebAppFiles extends Handler.Abstract {
    /** Where the web app lives on the server, as in the vendor's product. */
    public static final String PREFIX = "/webapp/";
    /** The web app's own calls (login, session); served by the server's REST router, not from files. */
    public static final String API_PREFIX = PREFIX + "api/";
    private static final String ROOT = "dev/ums/webapp/site/";
    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /** A file as read from the jar, and gzipped when that is smaller (text types; computed once). */
    private record StaticFile(byte[] bytes, byte[] gzipped, String type, String etag) {
    }

    private final ClassLoader loader;
    /** Bounded by the files in the jar: only files that exist are kept. */
    private final ConcurrentHashMap<String, StaticFile> files = new ConcurrentHashMap<>();

    public WebAppFiles() {
        this(WebAppFiles.class.getClassLoader());
    }

    WebAppFiles(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (!(method.equals("GET") || method.equals("HEAD")) || path.startsWith(API_PREFIX)) {
            return false;
        }
        if (path.equals("/webapp") || path.equals("/")) {
            response.setStatus(302);
            response.getHeaders().put(HttpHeader.LOCATION, PREFIX);
            callback.succeeded();
            return true;
        }
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String relative = path.substring(PREFIX.length());
        Optional<StaticFile> file = find(relative.isEmpty() ? "index.html" : relative);
        SecurityHeaders.apply(response, request);
        if (file.isEmpty()) {
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap(("there is nothing at " + path + "\n").getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        StaticFile f = file.get();
        String accepted = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        boolean gzip = f.gzipped() != null && accepted != null && accepted.contains("gzip");
        byte[] body = gzip ? f.gzipped() : f.bytes();
        // each representation has its own tag, so a cache never answers one with the other
        String etag = "\"" + f.etag() + (gzip ? "-gz" : "") + "\"";
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, f.type());
        if (f.gzipped() != null) {
            response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        }
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (etag.equals(ifNoneMatch)) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(200);
        if (gzip) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (method.equals("HEAD")) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
    }

    private Optional<StaticFile> find(String relative) {
        if (!SAFE_PATH.matcher(relative).matches() || relative.contains("..")) {
            return Optional.empty();
        }
        String type = TYPES.get(relative.substring(relative.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        StaticFile cached = files.get(relative);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            StaticFile file = new StaticFile(bytes, type.startsWith("image/png") || type.startsWith("image/x-icon")
                    ? null : gzip(bytes), type, etag(bytes));
            files.put(relative, file);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ROOT + relative + " from the class path failed", e);
        }
    }

    /** The gzipped bytes, or null when gzip does not make them smaller. */
    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.size() < bytes.length ? out.toByteArray() : null;
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
