package dev.ums.console.gui.internal;

import dev.ums.console.gui.internal.devices.DeviceActions;
import dev.ums.console.gui.internal.devices.DevicePoller;
import dev.ums.console.gui.internal.devices.DevicePropertiesDialog;
import dev.ums.console.gui.internal.devices.DeviceSnapshot;
import dev.ums.console.gui.internal.devices.DevicesPanel;
import dev.ums.console.gui.internal.devices.DirectoryTree;
import dev.ums.console.gui.internal.devices.ReenrollmentsDialog;
import dev.ums.console.gui.internal.devices.StatusBar;
import dev.ums.console.gui.internal.devices.TreeEntry;
import dev.ums.console.gui.internal.log.ShadowLogDialog;
import dev.ums.console.gui.internal.playback.OpenRecordingAction;
import dev.ums.console.gui.internal.session.SessionTabs;
import dev.ums.console.gui.internal.settings.LiveSettings;
import dev.ums.console.gui.internal.settings.ViewerMode;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.viewer.VncKnownCertificates;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.event.ActionEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.LocalTime;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.KeyStroke;
import javax.swing.WindowConstants;

/**
 * The console's main window: directory tree, device table (kept current by a {@link DevicePoller}), session
 * tabs and status bar. It wires screens to actions; the work itself runs in the classes it calls. Event thread only.
 */
public final class MainWindow implements DeviceActions.Handler {
    /** Beside the settings: the certificates of devices' VNC servers trusted on first use, one line per device. */
    static final String KNOWN_VNC_CERTIFICATES = "known-vnc-certificates";
    /** Below this the device table and the status bar would be squeezed out of the window. */
    static final Dimension MINIMUM_SIZE = new Dimension(720, 480);
    private final JFrame frame = new JFrame();
    private final AdminSession admin;
    private final LiveSettings settings;
    private final DirectoryTree tree = new DirectoryTree();
    private final DevicesPanel devices;
    private final DeviceActions actions;
    private final SessionTabs sessions;
    private final StatusBar status;
    private final DevicePoller poller;
    private final ConsoleMenus menus;
    private final MainToolbar toolbar;

    public MainWindow(AdminSession admin, LiveSettings settings, ConsoleMenus.Commands commands) {
        this.admin = admin;
        this.settings = settings;
        frame.setName("main");
        frame.setMinimumSize(MINIMUM_SIZE);
        frame.setTitle("UMS Console – " + admin.user() + "@" + admin.server());
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        Action refresh = new AbstractAction("Refresh") {
            @Override
            public void actionPerformed(ActionEvent e) {
                poller.refreshNow();
            }
        };
        refresh.putValue(Action.ACCELERATOR_KEY, KeyStroke.getKeyStroke("F5"));
        refresh.putValue(Action.SHORT_DESCRIPTION, "Reload devices now (F5)");
        refresh.putValue(Action.SMALL_ICON, Icons.of("arrow-clockwise"));
        refresh.putValue(Action.ACTION_COMMAND_KEY, "refresh");
        devices = new DevicesPanel();
        actions = new DeviceActions(devices::selected, this);
        devices.bindActions(actions.shadow, actions.menu());
        devices.table().getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                actions.selectionChanged(devices.selected().isPresent());
            }
        });
        sessions = new SessionTabs(admin, VncKnownCertificates.inFile(settings.store().dir().resolve(
                KNOWN_VNC_CERTIFICATES)), "Devices", devices);
        status = new StatusBar(admin.server(), admin.user());
        poller = new DevicePoller(admin.client(), this::snapshot,
                failure -> status.lost(UserSentence.of(failure)));
        Action openRecording = new OpenRecordingAction(frame, settings);
        openRecording.putValue(DeviceActions.TOOLBAR_TEXT, "Open recording");
        menus = new ConsoleMenus(commands, actions, openRecording, refresh, this::focusFilter, sessions::showOverview,
                () -> new ReenrollmentsDialog(frame, admin.client()).show());
        toolbar = new MainToolbar(actions.toolbar(), refresh, openRecording, devices.filterField());
        wireTree();

        JScrollPane treeScroll = new JScrollPane(tree.component());
        treeScroll.setMinimumSize(new Dimension(160, 100));
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, treeScroll, sessions.component());
        split.setDividerLocation(230);
        split.setResizeWeight(0);
        frame.setJMenuBar(menus.bar());
        frame.getContentPane().add(toolbar.component(), BorderLayout.NORTH);
        frame.getContentPane().add(split, BorderLayout.CENTER);
        frame.getContentPane().add(status, BorderLayout.SOUTH);
        frame.getRootPane().registerKeyboardAction(e -> focusFilter(), KeyStroke.getKeyStroke("ctrl F"),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        // Filtering is about the device list: typing in the field brings it to the front.
        devices.filterField().getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                sessions.showDevices();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                sessions.showDevices();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
            }
        });
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                commands.quit();
            }
        });
    }

    private void focusFilter() {
        sessions.showDevices();
        devices.filterField().requestFocusInWindow();
        devices.filterField().selectAll();
    }

    private void wireTree() {
        tree.component().addTreeSelectionListener(e -> {
            TreeEntry entry = tree.selected();
            devices.limitToDirectories(tree.selectedDirectories());
            if (entry.kind() == TreeEntry.Kind.DEVICE) {
                devices.select(entry.id());
            }
        });
        tree.component().addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && tree.selected().kind() == TreeEntry.Kind.DEVICE) {
                    shadowDefault(tree.selected().device());
                }
            }
        });
        tree.component().getInputMap().put(KeyStroke.getKeyStroke("ENTER"), "shadow");
        tree.component().getActionMap().put("shadow", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (tree.selected().kind() == TreeEntry.Kind.DEVICE) {
                    shadowDefault(tree.selected().device());
                }
            }
        });
    }

    public void show() {
        frame.setSize(1280, 800);
        frame.setLocationRelativeTo(null);
        frame.setVisible(true);
        poller.start(settings.get().pollSeconds());
        devices.table().requestFocusInWindow();
    }

    /** Polls the server every {@code seconds} from now on (the settings changed). */
    public void pollEvery(int seconds) {
        poller.start(seconds);
    }

    /** Stops polling, ends every session and closes the window. */
    public void close() {
        poller.close();
        sessions.closeAll();
        frame.dispose();
    }

    public AdminSession admin() {
        return admin;
    }

    public JFrame frame() {
        return frame;
    }

    public SessionTabs sessions() {
        return sessions;
    }

    public StatusBar statusBar() {
        return status;
    }

    private void snapshot(DeviceSnapshot snapshot) {
        devices.show(snapshot.devices());
        tree.update(snapshot.directories(), snapshot.devices());
        status.connected(LocalTime.now());
        status.deviceCount(devices.shownCount(), (int) devices.onlineCount());
        actions.selectionChanged(devices.selected().isPresent());
    }

    @Override
    public void shadowDefault(ThinClient device) {
        shadow(device, false, settings.get().viewer() == ViewerMode.EXTERNAL);
    }

    @Override
    public void shadow(ThinClient device, boolean viewOnly, boolean external) {
        sessions.open(device, viewOnly, external, settings.get());
    }

    @Override
    public void shadowLog(ThinClient device) {
        new ShadowLogDialog(frame, admin.client(), device).show();
    }

    @Override
    public void properties(ThinClient device) {
        new DevicePropertiesDialog(frame, admin.client(), device).show();
    }
}
