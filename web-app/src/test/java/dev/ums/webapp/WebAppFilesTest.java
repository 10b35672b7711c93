package dev.ums.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web app's files as the built jar serves them (noVNC included, from npm): types, the CSP and hardening
 * headers, ETag revalidation, and nothing outside the site's own plain file names.
 */
class WebAppFilesTest {
    static Server jetty;
    static HttpClient http = HttpClient.newHttpClient();
    static String base;

    @BeforeAll
    static void start() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Sequence(new WebAppFiles(), new DefaultHandler()));
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndNoVncAreServedWithTheirTypesAndAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/webapp/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
                        "connect-src 'self' wss://" + base.substring("http://".length()) + ";");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> rfb = get("/webapp/novnc/core/rfb.js");
        assertThat(rfb.statusCode()).isEqualTo(200);
        assertThat(rfb.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(rfb.body()).contains("export default class RFB");
        assertThat(get("/webapp/novnc/LICENSE.txt").statusCode()).isEqualTo(200);
        assertThat(get("/webapp/app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void textIsGzippedForBrowsersThatAcceptItWithItsOwnTag() throws Exception {
        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(base + "/webapp/novnc/core/rfb.js"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create(base + "/webapp/novnc/core/rfb.js"))
                .header("Accept-Encoding", "gzip, deflate, br").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
        assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body())).readAllBytes())
                .isEqualTo(plain.body());
        String zippedTag = zipped.headers().firstValue("ETag").orElseThrow();
        assertThat(zippedTag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/webapp/novnc/core/rfb.js"))
                .header("Accept-Encoding", "gzip").header("If-None-Match", zippedTag).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(304);
    }

    @Test
    void anUnchangedFileIsAnsweredWith304() throws Exception {
        String etag = get("/webapp/app.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/webapp/app.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void onlyTheSitesOwnPlainFileNamesAreServed() throws Exception {
        for (String path : new String[] {"/webapp/../dev/ums/webapp/WebAppFiles.class", "/webapp/%2e%2e/pom.xml",
                "/webapp/WebAppFiles.class", "/webapp/novnc/", "/webapp/.hidden.js", "/webapp/missing.js",
                "/webapp/novnc/core//rfb.js"}) {
            assertThat(get(path).statusCode()).as(path).isIn(400, 404);
        }
        assertThat(get("/webapp").statusCode()).isEqualTo(302);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/webapp/app.js"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("left to the next handler").isEqualTo(404);
        assertThat(get("/webapp/api/session").statusCode()).as("left to the next handler").isEqualTo(404);
    }
}
