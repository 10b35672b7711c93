package dev.ums.console.gui.internal.login;

import dev.ums.console.core.PresentedCertificate;
import dev.ums.console.gui.internal.EscapeKey;
import dev.ums.console.gui.internal.Html;
import dev.ums.console.gui.internal.PlainText;
import java.awt.Font;
import java.awt.Window;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.UIManager;
import net.miginfocom.swing.MigLayout;

/**
 * Asks the user whether to trust a server's certificate: on first contact it shows the fingerprint and
 * subject to compare; when a pinned certificate changed it warns loudly, shows both fingerprints and
 * refuses unless the user explicitly confirms (Cancel is the default button). Modal; event thread only.
 */
public final class TrustDialog {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final JDialog dialog;
    private boolean trusted;

    /**
     * @param previousPin the fingerprint pinned before, or null on first contact
     */
    public TrustDialog(Window owner, String server, PresentedCertificate certificate, String previousPin) {
        boolean changed = previousPin != null;
        dialog = new JDialog(owner, changed ? "Server certificate CHANGED" : "Unknown server certificate",
                JDialog.ModalityType.DOCUMENT_MODAL);
        dialog.setName(changed ? "certificateChanged" : "certificateTrust");
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 2", "[right][grow,fill]", ""));
        JLabel intro = new JLabel(Html.wrapped(changed
                ? "The certificate of " + server + " is not the one this console trusted before. Someone may be "
                + "intercepting the connection. Do not continue unless the server's administrator confirms that "
                + "the certificate was replaced."
                : "This console has not connected to " + server + " before. Compare the fingerprint below with the "
                + "one the server printed at start (or ask its administrator) before trusting it.", 460));
        if (changed) {
            intro.setName("warning");
            intro.setOpaque(true);
            intro.setBackground(UIManager.getColor("Console.warning.background"));
            intro.setForeground(UIManager.getColor("Console.warning.foreground"));
            intro.setBorder(javax.swing.BorderFactory.createEmptyBorder(8, 8, 8, 8));
            intro.setIcon(UIManager.getIcon("OptionPane.warningIcon"));
        }
        JLabel heading = new JLabel(changed ? "The server's certificate has changed" : "Trust this server?");
        heading.putClientProperty("FlatLaf.styleClass", "h3");
        content.add(heading, "span 2, left, gapbottom related");
        content.add(intro, "span 2, growx, gapbottom para");
        content.add(new JLabel("Server:"));
        content.add(new JLabel(PlainText.shown(server)));
        content.add(new JLabel("Subject:"));
        content.add(new JLabel(PlainText.shown(certificate.subject())));
        content.add(new JLabel("Issuer:"));
        content.add(new JLabel(PlainText.shown(certificate.issuer())));
        content.add(new JLabel("Valid:"));
        content.add(new JLabel(DATE.format(certificate.notBefore()) + " to " + DATE.format(certificate.notAfter())));
        content.add(new JLabel(changed ? "New SHA-256:" : "SHA-256:"), "aligny top");
        content.add(fingerprintArea("fingerprint", certificate.fingerprint()));
        if (changed) {
            content.add(new JLabel("Trusted before:"), "aligny top");
            content.add(fingerprintArea("previousFingerprint", previousPin));
        }
        JButton trust = new JButton(changed ? "Trust the new certificate" : "Trust and connect");
        trust.setName("trust");
        JButton cancel = new JButton(changed ? "Cancel (recommended)" : "Cancel");
        cancel.setName("distrust");
        trust.addActionListener(e -> {
            trusted = true;
            dialog.dispose();
        });
        cancel.addActionListener(e -> dialog.dispose());
        if (changed) {
            JCheckBox confirm = new JCheckBox("The administrator confirmed this new fingerprint");
            confirm.setName("confirmChange");
            trust.setEnabled(false);
            confirm.addActionListener(e -> trust.setEnabled(confirm.isSelected()));
            content.add(confirm, "span 2, gaptop para");
            dialog.getRootPane().setDefaultButton(cancel);
        } else {
            dialog.getRootPane().setDefaultButton(trust);
        }
        content.add(trust, "span 2, split 2, right, tag ok, gaptop para");
        content.add(cancel, "tag cancel");
        EscapeKey.closes(dialog);
        dialog.setContentPane(content);
        dialog.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowOpened(java.awt.event.WindowEvent e) {
                // Focus the decision, not the fingerprint field (which stays selectable for copying).
                dialog.getRootPane().getDefaultButton().requestFocusInWindow();
            }
        });
    }

    private static JTextArea fingerprintArea(String name, String hex) {
        JTextArea area = new JTextArea(grouped(hex));
        area.setName(name);
        area.setEditable(false);
        Font mono = UIManager.getFont("Console.fingerprint.font");
        area.setFont(mono != null ? mono : new Font(Font.MONOSPACED, Font.PLAIN, area.getFont().getSize()));
        return area;
    }

    /** Pairs of hex digits separated by colons, 16 pairs a line: how fingerprints are compared by eye. */
    static String grouped(String hex) {
        StringBuilder text = new StringBuilder();
        String upper = hex.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i += 2) {
            if (i > 0) {
                text.append(i % 32 == 0 ? "\n" : ":");
            }
            text.append(upper, i, Math.min(i + 2, upper.length()));
        }
        return text.toString();
    }

    /** Shows the dialog and returns whether the user trusted the certificate. */
    public boolean ask() {
        dialog.pack();
        dialog.setLocationRelativeTo(dialog.getOwner());
        dialog.setVisible(true);
        return trusted;
    }
}
