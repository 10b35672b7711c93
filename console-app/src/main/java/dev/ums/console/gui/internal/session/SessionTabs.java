package dev.ums.console.gui.internal.session;

import dev.ums.console.gui.internal.AdminSession;
import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.PlainText;
import dev.ums.console.gui.internal.settings.ConsoleSettings;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.viewer.VncKnownCertificates;
import java.awt.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javax.swing.JComponent;
import javax.swing.JTabbedPane;
import javax.swing.KeyStroke;

/**
 * The main window's tabs: the device list and the sessions overview first (never closable), then one closable
 * tab per session. Closing a tab (its ×, Ctrl+W or the tab's Close button) ends its session and removes its tile
 * from the overview. Event thread only.
 */
public final class SessionTabs {
    /** The tabs before the first session: Devices and Sessions. */
    private static final int FIXED = 2;
    private static final int OVERVIEW = 1;

    private final JTabbedPane tabs = new JTabbedPane();
    private final AdminSession admin;
    private final VncKnownCertificates knownCertificates;
    private final SessionsOverview overview = new SessionsOverview(this::select);

    public SessionTabs(AdminSession admin, VncKnownCertificates knownCertificates, String devicesTitle,
                       Component devices) {
        this.admin = admin;
        this.knownCertificates = knownCertificates;
        tabs.setName("tabs");
        tabs.addTab(devicesTitle, Icons.of("list-ul"), devices, "Every device the server knows");
        tabs.addTab("", Icons.of("grid-3x3-gap"), overview, "Every open session at a glance (Ctrl+Shift+S)");
        overviewTitle();
        tabs.putClientProperty("JTabbedPane.tabCloseCallback",
                (BiConsumer<JTabbedPane, Integer>) (pane, index) -> close(index));
        tabs.putClientProperty("JTabbedPane.tabCloseToolTipText", "End this session (Ctrl+W)");
        tabs.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(KeyStroke.getKeyStroke("ctrl W"), "closeTab");
        tabs.getActionMap().put("closeTab", new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                close(tabs.getSelectedIndex());
            }
        });
        tabs.addChangeListener(e -> {
            if (tabs.getSelectedIndex() == OVERVIEW) {
                overview.focusFirst();
            }
        });
    }

    public JTabbedPane component() {
        return tabs;
    }

    /** Opens a session with {@code device} in a new tab and selects it. */
    public SessionTab open(ThinClient device, boolean viewOnly, boolean external, ConsoleSettings settings) {
        SessionTab[] self = new SessionTab[1];
        SessionTab tab = new SessionTab(admin, device, viewOnly, external, settings, knownCertificates, () -> close(tabs.indexOfComponent(self[0])));
        self[0] = tab;
        tab.putClientProperty("JTabbedPane.tabClosable", true);
        tabs.addTab(PlainText.shown(tab.title()), tab);
        tabs.setSelectedComponent(tab);
        overview.add(tab);
        overviewTitle();
        tab.connect();
        return tab;
    }

    /** Closes the tab at {@code index} and ends its session; the devices and sessions tabs stay. */
    public void close(int index) {
        if (index < FIXED || index >= tabs.getTabCount()) {
            return;
        }
        Component c = tabs.getComponentAt(index);
        if (c instanceof SessionTab tab) {
            tab.close();
            overview.remove(tab);
        }
        boolean wasShown = tabs.getSelectedIndex() == index;
        tabs.removeTabAt(index);
        overviewTitle();
        if (wasShown && sessions().isEmpty()) {
            // With no session left, the empty overview next door is no place to land.
            showDevices();
        }
    }

    /** Brings the device list to the front. */
    public void showDevices() {
        tabs.setSelectedIndex(0);
    }

    /** Brings the sessions overview to the front. */
    public void showOverview() {
        tabs.setSelectedIndex(OVERVIEW);
    }

    public boolean overviewShown() {
        return tabs.getSelectedIndex() == OVERVIEW;
    }

    /** The device names on the overview's tiles, in order (tests). */
    public List<String> overviewDevices() {
        return overview.tiles().stream().map(t -> t.tab().device().name()).toList();
    }

    /** The figures line of the tile of {@code tab}, empty before the first reading (tests). */
    public String overviewFigures(SessionTab tab) {
        return overview.tiles().stream().filter(t -> t.tab() == tab).map(SessionTile::figuresText).findFirst()
                .orElse("");
    }

    private void select(SessionTab tab) {
        tabs.setSelectedComponent(tab);
    }

    private void overviewTitle() {
        int n = sessions().size();
        tabs.setTitleAt(OVERVIEW, n == 0 ? "Sessions" : "Sessions (" + n + ")");
    }

    public List<SessionTab> sessions() {
        List<SessionTab> list = new ArrayList<>();
        for (int i = FIXED; i < tabs.getTabCount(); i++) {
            if (tabs.getComponentAt(i) instanceof SessionTab tab) {
                list.add(tab);
            }
        }
        return list;
    }

    public void closeAll() {
        while (tabs.getTabCount() > FIXED) {
            close(tabs.getTabCount() - 1);
        }
    }
}
