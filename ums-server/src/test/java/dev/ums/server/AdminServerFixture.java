package dev.ums.server;

import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server for each test, in a fresh data directory, with the administrator's REST client and a console's
 * HTTP client that pins the server's certificate; closed after the test. A test class changes the server's
 * configuration by overriding {@link #config()}. Called by JUnit's test thread.
 */
abstract class AdminServerFixture {
    @TempDir
    Path data;
    UmsServer server;
    RestClient rest;
    HttpClient console;

    /** The configuration the server starts with: the test defaults in {@link #data}. */
    ServerConfig config() {
        return ServerConfig.forTests(data);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = UmsServer.start(config());
        rest = RestClient.asAdmin(server);
        console = RestClient.pinnedClient(server);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
