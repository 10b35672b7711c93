package dev.ums.server.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database from before unique names: devices that shared a name keep it with their unit id appended. */
class NameMigrationTest {
    @TempDir
    Path data;

    @Test
    void devicesSharingANameAreToldApartByTheirUnitId() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("ums").toAbsolutePath();
        Flyway.configure().dataSource(url, "sa", null).locations("classpath:db/migration").target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", null); Statement s = c.createStatement()) {
            for (String[] row : new String[][] {{"U1", "Kiosk"}, {"U2", "kiosk"}, {"U3", "hall"}, {"U4", "KIOSK"}}) {
                s.executeUpdate("INSERT INTO device (unit_id, name, credential_hash, allow_shadowing, prompt_user, "
                        + "allow_input, created_at) VALUES ('" + row[0] + "', '" + row[1] + "', 'x', TRUE, TRUE, TRUE, 0)");
            }
        }
        try (Database db = Database.open(null, null, null, data)) {
            assertThat(new Jdbc(db.dataSource()).query("SELECT name FROM device ORDER BY id", rs -> rs.getString(1)))
                    .containsExactly("Kiosk", "kiosk (U2)", "hall", "KIOSK (U4)");
        }
    }
}
