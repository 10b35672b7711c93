package dev.ums.agent.internal.shadow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session ids of the last {@value #REMEMBERED} shadow requests an agent took in hand, so that a repeated
 * {@code shadow.open} (a server asks about each session once) neither asks the user again nor opens a second tunnel,
 * however late it comes. Thread-safe; the UP listener thread calls it.
 */
final class SeenSessionIds {
    static final int REMEMBERED = 1024;

    private final Map<String, Boolean> ids = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    /** Remembers {@code id}; false when it was remembered already. */
    synchronized boolean add(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }
}
