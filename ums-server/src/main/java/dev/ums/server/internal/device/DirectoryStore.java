package dev.ums.server.internal.device;

import dev.ums.server.internal.db.Jdbc;
import java.util.List;
import java.util.Optional;

/** Device directories (IMI "tcdirectories"): a tree by parent id; null parent is the root. */
public final class DirectoryStore {
    /** One stored directory. */
    public record Directory(long id, String name, Long parentId) {
    }

    private final Jdbc jdbc;

    public DirectoryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<Directory> all() {
        return jdbc.query("SELECT id, name, parent_id FROM tc_directory ORDER BY id", rs -> {
            long parent = rs.getLong(3);
            return new Directory(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : parent);
        });
    }

    public Optional<Directory> find(long id) {
        return all().stream().filter(d -> d.id() == id).findFirst();
    }

    public Directory create(String name, Long parentId) {
        long id = jdbc.insert("INSERT INTO tc_directory (name, parent_id) VALUES (?, ?)", name, parentId);
        return new Directory(id, name, parentId);
    }
}
