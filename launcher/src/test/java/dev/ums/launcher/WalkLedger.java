package dev.ums.launcher;

import java.awt.Component;
import java.awt.Container;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import javax.swing.AbstractButton;
import javax.swing.JMenu;
import javax.swing.JPopupMenu;
import javax.swing.MenuElement;

/**
 * What the console's windows offered along a walk (the names of their buttons and menu items) and what the walk
 * used, so a walk can show it reached every action offered. {@link #offer} reads components: event thread only;
 * the rest any thread.
 */
final class WalkLedger {
    private final Set<String> walked = Collections.synchronizedSet(new TreeSet<>());
    private final Set<String> offered = Collections.synchronizedSet(new TreeSet<>());

    /** The walk used the action called {@code name}. */
    void walk(String name) {
        walked.add(name);
    }

    /** Records the names of every visible button and menu item inside {@code root} as offered to the user. */
    void offer(Object root) {
        if (root instanceof JMenu menu) {
            for (Component c : menu.getMenuComponents()) {
                offer(c);
            }
            return;
        }
        // Names with a dot belong to Swing's and FlatLaf's own parts (a combo box's arrow, a spinner's buttons).
        if (root instanceof AbstractButton b && b.getName() != null && !b.getName().contains(".") && b.isVisible()) {
            offered.add(b.getName());
        }
        if (root instanceof JPopupMenu popup) {
            for (MenuElement e : popup.getSubElements()) {
                offer(e.getComponent());
            }
        } else if (root instanceof Container container) {
            for (Component c : container.getComponents()) {
                offer(c);
            }
        }
    }

    /** What was offered and not walked, apart from {@code excused}. */
    Set<String> missing(Set<String> excused) {
        Set<String> missing = new TreeSet<>(offered);
        missing.removeAll(walked);
        missing.removeAll(excused);
        return missing;
    }

    Set<String> walked() {
        synchronized (walked) {
            return new TreeSet<>(walked);
        }
    }
}
