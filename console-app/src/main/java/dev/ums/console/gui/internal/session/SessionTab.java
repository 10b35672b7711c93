package dev.ums.console.gui.internal.session;

import dev.ums.console.core.ShadowConnection;
import dev.ums.console.gui.internal.AdminSession;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.PlainText;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.gui.internal.external.ExternalViewerRun;
import dev.ums.console.gui.internal.settings.ConsoleSettings;
import dev.ums.console.gui.internal.settings.ViewerCommandCheck;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.log.PeerText;
import dev.ums.viewer.CertificateChangeDialog;
import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncCertificateTrust;
import dev.ums.viewer.VncKnownCertificates;
import dev.ums.viewer.VncPasswordDialog;
import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncServerClosedException;
import dev.ums.viewer.VncSessionListener;
import dev.ums.viewer.VncSettings;
import java.awt.CardLayout;
import java.io.InputStream;
import java.io.OutputStream;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shadow session as a tab: connecting with visible steps and Cancel, then the embedded viewer or the
 * external viewer's status, and at the end one sentence with Reconnect. Each attempt is numbered so late
 * results of an abandoned attempt are closed, never shown. Event thread only; the network runs on workers.
 */
public final class SessionTab extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SessionTab.class);

    private final AdminSession admin;
    private final ThinClient device;
    /** The device's name as the screens show it: one line, its control and format characters visible. */
    private final String shownName;
    /** The device's name as the log quotes it ({@link PeerText}): one line of at most 200 characters. */
    private final String loggedName;
    private final boolean viewOnly;
    private final boolean external;
    private final ConsoleSettings settings;
    private final VncKnownCertificates knownCertificates;
    private final Runnable closeTab;
    private final CardLayout cards = new CardLayout();
    private final ProgressPanel progress = new ProgressPanel(this::cancel);
    private final EndedPanel ended;
    private int attempt;
    private boolean closed;
    private Thread connecting;
    private ShadowConnection connection;
    private VncSession vnc;
    private EmbeddedView live;
    private ExternalViewerRun externalRun;
    private ExternalSessionPanel externalPanel;
    private String state = "Connecting";
    private volatile long requestedAt;
    private volatile long handshakeMillis = -1;
    private volatile long firstFrameMillis = -1;

    /**
     * @param knownCertificates where the certificates of devices whose VNC servers use VeNCrypt's X509 kinds are
     *                          remembered on first use
     */
    public SessionTab(AdminSession admin, ThinClient device, boolean viewOnly, boolean external,
                      ConsoleSettings settings, VncKnownCertificates knownCertificates, Runnable closeTab) {
        super();
        setLayout(cards);
        setName("session-" + device.name());
        this.admin = admin;
        this.device = device;
        this.shownName = PlainText.line(device.name());
        this.loggedName = PeerText.of(device.name(), 200);
        this.viewOnly = viewOnly;
        this.external = external;
        this.settings = settings;
        this.knownCertificates = knownCertificates;
        this.closeTab = closeTab;
        this.ended = new EndedPanel(this::connect, closeTab);
        add(progress, "progress");
        add(ended, "ended");
    }

    public ThinClient device() {
        return device;
    }

    public String title() {
        return shownName + (external ? " (external)" : viewOnly ? " (view only)" : "");
    }

    /**
     * Starts (or restarts) connecting. An external viewer command that cannot be run (a settings file from before
     * Settings checked it, or edited by hand) ends the attempt before the server is asked, so no session is opened
     * and audited for nothing.
     */
    public void connect() {
        endCurrent();
        int mine = ++attempt;
        String unusable = external ? ViewerCommandCheck.problem(settings.externalCommand()) : null;
        if (unusable != null) {
            showEnded("Could not shadow " + shownName, UserSentence.of(unusable.replaceAll("\\.$", "")
                    + " (check the viewer command in Settings)"), true);
            return;
        }
        requestedAt = System.nanoTime();
        firstFrameMillis = -1;
        handshakeMillis = -1;
        progress.reset("Connecting to " + shownName + " …", external);
        cards.show(this, "progress");
        state = "Connecting …";
        connecting = Workers.startThread("shadow-connect-" + loggedName, () -> {
            try {
                ShadowConnection opened = admin.connector().open(device, viewOnly, (step, detail) -> {
                    ConnectStage stage = ConnectStage.after(step);
                    if (stage != null) {
                        Edt.run(() -> stepReached(mine, stage));
                    }
                });
                // Embedded: the streams are taken here because an OS 11 link may block to hand them over.
                InputStream in = external ? null : opened.input();
                OutputStream out = external ? null : opened.output();
                Edt.run(() -> opened(mine, opened, in, out));
            } catch (Exception e) {
                Edt.run(() -> failed(mine, e));
            }
        });
    }

    private void stepReached(int mine, ConnectStage stage) {
        if (mine == attempt && !closed) {
            progress.reached(stage);
        }
    }

    private void opened(int mine, ShadowConnection opened, InputStream in, OutputStream out) {
        if (mine != attempt || closed) {
            closeOffEventThread(opened::close);
            return;
        }
        connection = opened;
        LOG.info("tunnel to {} open after {} ms", loggedName, elapsedMillis());
        if (external) {
            startExternal(mine, opened);
        } else {
            startEmbedded(mine, in, out);
        }
    }

    private void startEmbedded(int mine, InputStream in, OutputStream out) {
        vnc = new VncSession(in, out, vncSettings());
        live = new EmbeddedView(vnc, shownName, viewOnly, settings.scaling(), this::disconnect);
        add(live, "live");
        VncSession mySession = vnc;
        vnc.addListener(new VncSessionListener() {
            private boolean first = true;

            @Override
            public void connected(String desktopName, int width, int height) {
                handshakeMillis = elapsedMillis();
            }

            @Override
            public void frameComplete() {
                if (first) {
                    first = false;
                    Edt.run(() -> firstFrame(mine));
                }
            }

            @Override
            public void closed(VncProtocolException error) {
                Edt.run(() -> sessionClosed(mine, mySession, error));
            }
        });
        vnc.start();
    }

    /**
     * The embedded viewer's settings: the picture as the console's settings say, a password asked in a dialog when
     * the device's VNC server wants one, and its certificate (VeNCrypt's X509 kinds) trusted on first use and a
     * changed one only when the user confirms it (the dialog's default refuses).
     */
    private VncSettings vncSettings() {
        String server = certificateKey(device);
        CertificateChangeDialog confirm = new CertificateChangeDialog(() -> SwingUtilities.getWindowAncestor(this));
        // the viewer's dialogs are questions whose sentence Swing splits at line breaks: the name as one line
        String name = shownName;
        VncCertificateTrust.ChangeConfirmation named = (key, previous, presented) ->
                confirm.acceptChange(name + " (" + key + ")", previous, presented);
        return settings.picture().applyTo(VncSettings.builder())
                .viewOnly(viewOnly)
                .credentials(new VncPasswordDialog(() -> SwingUtilities.getWindowAncestor(this), name))
                // inside the tunnel's TLS (to the server, and from it to the device) no man in the middle can offer
                // a connection without the certificate, and a device set up again without one must still open; that
                // TLS protects a Plain kind's password too
                .certificateTrust(VncCertificateTrust.firstUse(knownCertificates, server, named).notRequired())
                .clearTextPasswords(true)
                .build();
    }

    /** A device's VNC certificate is remembered under its unit ID (its MAC address), which a rename leaves alone. */
    static String certificateKey(ThinClient device) {
        String unit = device.unitId() == null || device.unitId().isBlank() ? "device-" + device.id() : device.unitId();
        return unit.strip().replaceAll("\\s+", "_");
    }

    private void firstFrame(int mine) {
        if (mine != attempt || closed) {
            return;
        }
        firstFrameMillis = elapsedMillis();
        LOG.info("first frame from {} {} ms after the request", loggedName, firstFrameMillis);
        progress.reached(ConnectStage.FIRST_FRAME);
        cards.show(this, "live");
        state = viewOnly ? "Live, view only" : "Live";
        live.started();
    }

    private void startExternal(int mine, ShadowConnection opened) {
        String template = settings.externalCommand();
        Workers.submit(() -> ExternalViewerRun.start(opened, template,
                        (sentence, failure) -> Edt.run(() -> externalEnded(mine, sentence, failure))))
                .whenCompleteAsync((run, failure) -> {
                    if (failure != null) {
                        closeOffEventThread(opened::close);
                        failed(mine, failure);
                    } else if (mine != attempt || closed) {
                        closeOffEventThread(run::close);
                    } else {
                        externalRun = run;
                        externalPanel = new ExternalSessionPanel(shownName, run, this::disconnect,
                                () -> progress.reached(ConnectStage.VIEWER_CONNECTED));
                        add(externalPanel, "external");
                        cards.show(this, "external");
                        state = "In the external viewer";
                    }
                }, Edt.EXECUTOR);
    }

    private void externalEnded(int mine, String sentence, boolean failure) {
        if (mine != attempt || closed) {
            return;
        }
        endCurrent();
        showEnded(failure ? "The external viewer failed" : "Session ended", UserSentence.of(sentence), failure);
    }

    private void sessionClosed(int mine, VncSession session, VncProtocolException error) {
        if (mine != attempt || closed || session != vnc) {
            return;
        }
        String reason = connection == null ? null : connection.closeReason();
        endCurrent();
        String why;
        if (reason != null && !reason.isBlank() && !"closed".equalsIgnoreCase(reason.strip())) {
            why = reason;
        } else if (error != null && !(error instanceof VncServerClosedException)) {
            why = error.getMessage();
        } else {
            // The relay's bare "closed" or an end of stream: the far side went away without saying why.
            why = "the device or the network closed the connection";
        }
        showEnded("Session ended", UserSentence.of("the session with " + shownName + " ended: "
                + lowerFirst(why)), true);
    }

    private void failed(int mine, Throwable failure) {
        if (mine != attempt || closed) {
            return;
        }
        endCurrent();
        LOG.info("shadowing {} failed: {}", loggedName, PeerText.of(Workers.cause(failure).getMessage(), 1000));
        showEnded("Could not shadow " + shownName, UserSentence.of(failure), true);
    }

    private void showEnded(String title, String sentence, boolean failure) {
        LOG.info("{}: {}", title, PeerText.of(sentence, 1000));
        ended.show(title, sentence, failure);
        cards.show(this, "ended");
        state = title;
        ended.focusReconnect();
    }

    /** The Cancel button: abandons the attempt; the server ends the unpaired tunnel by itself. */
    private void cancel() {
        Thread running = connecting;
        attempt++;
        if (running != null) {
            running.interrupt();
        }
        endCurrent();
        showEnded("Cancelled", "Connecting to " + shownName + " was cancelled.", false);
    }

    private void disconnect() {
        attempt++;
        endCurrent();
        showEnded("Disconnected", "The session with " + shownName + " was ended.", false);
    }

    /**
     * Ends whatever runs: the viewer, the proxy and the tunnel. The screens go at once; the closing itself (sockets,
     * a lock held by a blocked write, the viewer's process) happens on a worker, in this order, never on the event
     * thread. Late events of what is being closed are ignored: the fields are cleared here.
     */
    private void endCurrent() {
        if (live != null) {
            live.stopped();
            remove(live);
            live = null;
        }
        if (externalPanel != null) {
            externalPanel.stopped();
            remove(externalPanel);
            externalPanel = null;
        }
        VncSession endingVnc = vnc;
        ExternalViewerRun endingRun = externalRun;
        ShadowConnection endingConnection = connection;
        vnc = null;
        externalRun = null;
        connection = null;
        if (endingVnc != null || endingRun != null || endingConnection != null) {
            closeOffEventThread(() -> {
                if (endingVnc != null) {
                    endingVnc.close();
                }
                if (endingRun != null) {
                    endingRun.close();
                }
                if (endingConnection != null) {
                    endingConnection.close();
                }
            });
        }
    }

    private void closeOffEventThread(Runnable closing) {
        String name = loggedName;
        Workers.submit(() -> {
            closing.run();
            return null;
        }).exceptionally(failure -> {
            LOG.warn("closing the session with {} failed: {}", name, Workers.cause(failure).toString());
            return null;
        });
    }

    /** Closing the tab ends its session. */
    public void close() {
        closed = true;
        attempt++;
        if (connecting != null) {
            connecting.interrupt();
        }
        endCurrent();
    }

    public void requestCloseTab() {
        closeTab.run();
    }

    /** Where the session stands, in a few words: connecting, live, in the external viewer, or how it ended. */
    public String state() {
        return state;
    }

    /** The live embedded session's desktop, or null while there is none (connecting, external, ended). */
    Framebuffer framebuffer() {
        return live == null || vnc == null ? null : vnc.framebuffer();
    }

    // Read by tests, the benchmark and the sessions overview.

    public VncSession vncSession() {
        return vnc;
    }

    public ExternalViewerRun externalRun() {
        return externalRun;
    }

    public boolean isLive() {
        return live != null && live.isShowing();
    }

    /** Whether the live session sends no input now (view-only, by the toolbar's toggle or opened so). */
    public boolean inputLocked() {
        return live != null && vnc != null && vnc.viewOnly();
    }

    /** The live figures the session's toolbar shows, or empty while there are none. */
    public String figuresText() {
        return live == null ? "" : live.figuresText();
    }

    public String endedSentence() {
        return ended.isShowing() ? ended.sentence() : "";
    }

    public String stepsText() {
        return progress.stepsText();
    }

    /** Milliseconds from the request to the end of the RFB handshake (desktop size known), or -1 before. */
    public long handshakeMillis() {
        return handshakeMillis;
    }

    /** Milliseconds from the request to the first complete frame, or -1 before it arrived. */
    public long firstFrameMillis() {
        return firstFrameMillis;
    }

    private long elapsedMillis() {
        return (System.nanoTime() - requestedAt) / 1_000_000;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
