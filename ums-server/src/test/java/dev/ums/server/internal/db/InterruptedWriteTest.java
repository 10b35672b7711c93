package dev.ums.server.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it writes (a link thread told to stop as it records a device going offline) neither
 * fails its write nor closes the database for the others, and keeps its interrupt.
 */
class InterruptedWriteTest {
    @TempDir
    Path data;

    @Test
    void anInterruptedThreadsWriteLandsAndTheDatabaseStaysOpen() throws Exception {
        try (Database db = Database.open(null, null, null, data)) {
            Jdbc jdbc = new Jdbc(db.dataSource());
            jdbc.update("CREATE TABLE probe (i INT)");
            for (int i = 0; i < 3; i++) {
                Thread.currentThread().interrupt();
                assertThat(jdbc.update("INSERT INTO probe VALUES (?)", i)).isEqualTo(1);
                assertThat(Thread.interrupted()).as("the writer's interrupt is kept").isTrue();
            }
            Thread other = new Thread(() -> jdbc.update("INSERT INTO probe VALUES (?)", 3));
            other.start();
            other.join();
            assertThat(jdbc.query("SELECT COUNT(*) FROM probe", rs -> rs.getInt(1))).containsExactly(4);
        }
    }

    @Test
    void theFileStoreOfAnH2UrlIsTheInterruptSafeOne() {
        assertThat(Database.interruptSafe("jdbc:h2:file:/srv/ums/ums;DB_CLOSE_DELAY=0"))
                .isEqualTo("jdbc:h2:async:/srv/ums/ums;DB_CLOSE_DELAY=0");
        assertThat(Database.interruptSafe("jdbc:postgresql://db/ums")).isEqualTo("jdbc:postgresql://db/ums");
    }
}
