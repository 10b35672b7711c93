package dev.ums.server.internal.device;

import dev.ums.server.internal.db.Jdbc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Device directories (IMI "tcdirectories"): a tree by parent id; null parent is the root. */
public record DirectoryStore(Jdbc jdbc) {
    /** One stored directory. */
    public record Directory(long id, String name, Long parentId) {
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

    /** Whether sessions of devices in {@code id}, or in a directory above it, are always recorded. */
    public boolean recordsSessions(Long id) {
        if (id == null) {
            return false;
        }
        record Node(Long parent, boolean records) {
        }
        Map<Long, Node> nodes = new HashMap<>();
        jdbc.query("SELECT id, parent_id, record_sessions FROM tc_directory", rs -> {
            long parent = rs.getLong(2);
            Long p = rs.wasNull() ? null : parent;
            nodes.put(rs.getLong(1), new Node(p, rs.getBoolean(3)));
            return null;
        });
        // the tree is walked at most once per directory, so a cycle made by hand in the database ends too
        Long at = id;
        for (int steps = 0; at != null && steps <= nodes.size(); steps++) {
            Node n = nodes.get(at);
            if (n == null) {
                return false;
            }
            if (n.records()) {
                return true;
            }
            at = n.parent();
        }
        return false;
    }

    /** Whether this directory itself (not one above it) asks for its devices' sessions to be recorded. */
    public boolean recordsSessionsItself(long id) {
        return jdbc.queryOne("SELECT record_sessions FROM tc_directory WHERE id = ?", rs -> rs.getBoolean(1), id)
                .orElse(false);
    }

    public void recordSessions(long id, boolean on) {
        jdbc.update("UPDATE tc_directory SET record_sessions = ? WHERE id = ?", on, id);
    }

    public Directory create(String name, Long parentId) {
        long id = jdbc.insert("INSERT INTO tc_directory (name, parent_id) VALUES (?, ?)", name, parentId);
        return new Directory(id, name, parentId);
    }
}
