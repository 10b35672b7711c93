package dev.ums.viewer;

import java.awt.Component;
import java.util.function.Supplier;
import javax.swing.JDialog;
import javax.swing.JOptionPane;

/**
 * Asks the user whether to trust a server's certificate that differs from the one trusted before, in a modal dialog
 * that shows both fingerprints. {@link #acceptChange} is called on the session's reader thread and waits for the
 * dialog on the event thread; the default answer is No. When the session ends while the dialog is open, the dialog
 * closes.
 */
public final class CertificateChangeDialog implements VncCertificateTrust.ChangeConfirmation {
    private final Supplier<Component> parent;

    public CertificateChangeDialog(Supplier<Component> parent) {
        this.parent = parent;
    }

    @Override
    public boolean acceptChange(String server, String previousFingerprint, VncServerCertificate presented) {
        String text = "The VNC server at " + server + " presents a different certificate than before.\n\n"
                + "Trusted before (SHA-256):\n" + previousFingerprint + "\n\n"
                + "Presented now: " + presented.subject() + ", issued by " + presented.issuer()
                + ", valid until " + presented.notAfter() + "\n(SHA-256) " + presented.fingerprint() + "\n\n"
                + "Someone may be intercepting the connection. Trust the new certificate from now on?";
        try {
            return Boolean.TRUE.equals(SwingThread.askInDialog(() -> question(text), trusted -> { }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private SwingThread.Question<Boolean> question(String text) {
        Object[] options = {"Trust the new certificate", "Cancel"};
        JOptionPane pane = new JOptionPane(text, JOptionPane.WARNING_MESSAGE, JOptionPane.YES_NO_OPTION, null, options,
                options[1]);
        JDialog dialog = pane.createDialog(parent.get(), "VNC server certificate changed");
        pane.selectInitialValue();
        return new SwingThread.Question<>() {
            @Override
            public JDialog dialog() {
                return dialog;
            }

            @Override
            public Boolean answer() {
                return options[0].equals(pane.getValue());
            }

            @Override
            public void wipe() {
                // the dialog holds nothing the user typed
            }
        };
    }
}
