package dev.ums.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a {@link DemoDesktop} shows: its name, the clock, the typed text, the last key, the viewer count, the
 * event lines and the pointer trail. Plain state, bounded everywhere; the desktop guards it with its lock.
 */
final class DesktopModel {
    static final int MAX_TEXT = 40;
    static final int MAX_TRAIL = 200;

    /** A pointer position, with whether a button was down, and when it was seen. */
    record TrailPoint(int x, int y, boolean pressed, long atMillis) {
    }

    final String name;
    final String description;
    final StringBuilder text = new StringBuilder();
    final Deque<TrailPoint> trail = new ArrayDeque<>();
    final List<String> events = new ArrayList<>();
    String clock = "";
    String lastKey = "none yet";
    int viewers;

    DesktopModel(String name, String description) {
        this.name = name;
        this.description = description;
    }
}
