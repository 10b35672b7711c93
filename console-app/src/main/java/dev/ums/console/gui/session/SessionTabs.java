package dev.ums.console.gui.session;

import dev.ums.console.gui.AdminSession;
import dev.ums.console.gui.settings.ConsoleSettings;
import dev.ums.protocol.imi.ThinClient;
import java.awt.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javax.swing.JComponent;
import javax.swing.JTabbedPane;
import javax.swing.KeyStroke;

/**
 * The main window's tabs: the device overview first (never closable), then one closable tab per session.
 * Closing a tab (its ×, Ctrl+W or the tab's Close button) ends its session. Event thread only.
 */
public final class SessionTabs {
    private final JTabbedPane tabs = new JTabbedPane();
    private final AdminSession admin;

    public SessionTabs(AdminSession admin, String overviewTitle, Component overview) {
        this.admin = admin;
        tabs.setName("tabs");
        tabs.addTab(overviewTitle, overview);
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
    }

    public JTabbedPane component() {
        return tabs;
    }

    /** Opens a session with {@code device} in a new tab and selects it. */
    public SessionTab open(ThinClient device, boolean viewOnly, boolean external, ConsoleSettings settings) {
        SessionTab[] self = new SessionTab[1];
        SessionTab tab = new SessionTab(admin, device, viewOnly, external, settings, () -> close(tabs.indexOfComponent(self[0])));
        self[0] = tab;
        tab.putClientProperty("JTabbedPane.tabClosable", true);
        tabs.addTab(tab.title(), tab);
        tabs.setSelectedComponent(tab);
        tab.connect();
        return tab;
    }

    /** Closes the tab at {@code index} and ends its session; the overview tab stays. */
    public void close(int index) {
        if (index <= 0 || index >= tabs.getTabCount()) {
            return;
        }
        Component c = tabs.getComponentAt(index);
        if (c instanceof SessionTab tab) {
            tab.close();
        }
        tabs.removeTabAt(index);
    }

    public List<SessionTab> sessions() {
        List<SessionTab> list = new ArrayList<>();
        for (int i = 1; i < tabs.getTabCount(); i++) {
            if (tabs.getComponentAt(i) instanceof SessionTab tab) {
                list.add(tab);
            }
        }
        return list;
    }

    public void closeAll() {
        while (tabs.getTabCount() > 1) {
            close(tabs.getTabCount() - 1);
        }
    }
}
