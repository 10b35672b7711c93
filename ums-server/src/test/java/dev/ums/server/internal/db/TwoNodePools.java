package dev.ums.server.internal.db;

import dev.ums.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two server nodes' connection pools on one real PostgreSQL (testkit's), for a test class's cluster tests: started
 * before the class, closed after it. Register it as a static extension. The class's thread only.
 */
public final class TwoNodePools implements BeforeAllCallback, AfterAllCallback {
    private PostgresServer postgres;
    private Path data;
    private Database first;
    private Database second;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = PostgresServer.start();
        data = Files.createTempDirectory("ums-two-nodes-");
        first = Database.open(postgres.jdbcUrl(), postgres.user(), null, data);
        second = Database.open(postgres.jdbcUrl(), postgres.user(), null, data);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The first node's pool. */
    public Database first() {
        return first;
    }

    /** The second node's pool. */
    public Database second() {
        return second;
    }
}
