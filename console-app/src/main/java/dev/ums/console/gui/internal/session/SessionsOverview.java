package dev.ums.console.gui.internal.session;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import javax.swing.Timer;

/**
 * The Sessions tab: every open session as a tile with a live thumbnail, its device, state and figures, laid out in
 * rows that follow the window's width. The thumbnails are redrawn four times a second, and only while the tab is
 * shown. Event thread only.
 */
final class SessionsOverview extends JScrollPane {
    private static final long serialVersionUID = 1L;
    /** Redraws per second of the thumbnails; figures are read once a second. */
    static final int FRAMES_PER_SECOND = 4;
    private static final int GAP = 12;

    private final Grid grid = new Grid();
    private final JLabel empty = new JLabel("No sessions are open. Shadow a device from the Devices tab "
            + "(Enter or a double-click) and it shows here.", SwingConstants.CENTER);
    private final List<SessionTile> tiles = new ArrayList<>();
    private final Consumer<SessionTab> open;
    private final Timer timer;
    private int ticks;

    SessionsOverview(Consumer<SessionTab> open) {
        super(VERTICAL_SCROLLBAR_AS_NEEDED, HORIZONTAL_SCROLLBAR_NEVER);
        this.open = open;
        setName("sessionsOverview");
        setBorder(null);
        empty.setName("noSessions");
        getVerticalScrollBar().setUnitIncrement(24);
        setViewportView(empty);
        timer = new Timer(1000 / FRAMES_PER_SECOND, e -> tick());
        addHierarchyListener(e -> {
            if (isShowing()) {
                timer.start();
                tick();
            } else {
                timer.stop();
            }
        });
    }

    void add(SessionTab tab) {
        SessionTile tile = new SessionTile(tab, () -> open.accept(tab));
        tiles.add(tile);
        grid.add(tile);
        setViewportView(grid);
        grid.revalidate();
    }

    void remove(SessionTab tab) {
        tiles.removeIf(tile -> {
            if (tile.tab() == tab) {
                grid.remove(tile);
                return true;
            }
            return false;
        });
        if (tiles.isEmpty()) {
            setViewportView(empty);
        }
        grid.revalidate();
        grid.repaint();
    }

    List<SessionTile> tiles() {
        return List.copyOf(tiles);
    }

    /** Puts the keyboard focus on the first tile, so Enter opens it. */
    void focusFirst() {
        if (!tiles.isEmpty()) {
            tiles.get(0).requestFocusInWindow();
        }
    }

    private void tick() {
        boolean figures = ticks++ % FRAMES_PER_SECOND == 0;
        for (SessionTile tile : tiles) {
            tile.tick(figures);
        }
    }

    /** Tiles left to right in rows as wide as the viewport. */
    private static final class Grid extends JPanel implements Scrollable {
        private static final long serialVersionUID = 1L;

        Grid() {
            super(null);
            setName("sessionTiles");
        }

        @Override
        public void doLayout() {
            int x = GAP;
            int y = GAP;
            int rowHeight = 0;
            for (Component c : getComponents()) {
                Dimension d = c.getPreferredSize();
                if (x > GAP && x + d.width + GAP > getWidth()) {
                    x = GAP;
                    y += rowHeight + GAP;
                    rowHeight = 0;
                }
                c.setBounds(x, y, d.width, d.height);
                x += d.width + GAP;
                rowHeight = Math.max(rowHeight, d.height);
            }
        }

        @Override
        public Dimension getPreferredSize() {
            int width = getParent() == null ? 800 : Math.max(getParent().getWidth(), 1);
            int x = GAP;
            int y = GAP;
            int rowHeight = 0;
            for (Component c : getComponents()) {
                Dimension d = c.getPreferredSize();
                if (x > GAP && x + d.width + GAP > width) {
                    x = GAP;
                    y += rowHeight + GAP;
                    rowHeight = 0;
                }
                x += d.width + GAP;
                rowHeight = Math.max(rowHeight, d.height);
            }
            return new Dimension(width, y + rowHeight + GAP);
        }

        @Override
        public Dimension getPreferredScrollableViewportSize() {
            return getPreferredSize();
        }

        @Override
        public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
            return 24;
        }

        @Override
        public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
            return Math.max(24, visible.height - 24);
        }

        @Override
        public boolean getScrollableTracksViewportWidth() {
            return true;
        }

        @Override
        public boolean getScrollableTracksViewportHeight() {
            return false;
        }
    }
}
