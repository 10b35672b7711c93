package dev.ums.agent.internal.consent;

import dev.ums.agent.internal.display.ParentWatch;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.GridLayout;
import java.util.concurrent.CompletableFuture;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * The dialog the person at the device answers: who wants to watch, Accept / Deny, and a countdown that
 * denies when it runs out. Runs as its own process ({@link DisplayConsentPrompt}) and prints its verdict
 * as the last line of standard output. It goes without an answer as soon as the agent that asked is gone
 * ({@link ParentWatch}: its standard input closed or the agent's process ended), so an agent killed with SIGKILL leaves
 * no dialog waiting out its countdown. Built and answered on the Swing event thread; the verdict is printed on the
 * main thread, the watch on the agent runs on threads of its own.
 *
 * <p>The layout is fixed (Accept fills the left half of the bottom row, Deny the right) so tests can click
 * the buttons on a bare X server by position.
 */
public final class ConsentDialog {
    public static final String TITLE = "UMS shadowing request";
    public static final int WIDTH = 440;
    public static final int HEIGHT = 180;
    public static final int BUTTON_ROW_HEIGHT = 56;
    static final String ACCEPTED = "accepted";
    static final String DECLINED = "declined";
    static final String TIMED_OUT = "timeout";

    private ConsentDialog() {
    }

    /** Arguments: timeout in seconds, administrator, view-only flag. */
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String admin = args[1];
        boolean viewOnly = Boolean.parseBoolean(args[2]);
        ParentWatch.exitWhenGone();
        CompletableFuture<String> verdict = new CompletableFuture<>();
        try {
            SwingUtilities.invokeAndWait(() -> show(seconds, admin, viewOnly, verdict));
        } catch (java.lang.reflect.InvocationTargetException | java.awt.AWTError e) {
            System.exit(3);
        }
        System.out.println(verdict.get());
        System.out.flush();
        System.exit(0);
    }

    private static void show(int seconds, String admin, boolean viewOnly, CompletableFuture<String> verdict) {
        JDialog dialog = new JDialog((java.awt.Frame) null, TITLE, true);
        dialog.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        JLabel question = new JLabel("<html><b>" + escape(admin) + "</b> wants to "
                + (viewOnly ? "watch" : "see and control") + " this screen.<br>Allow the session?</html>",
                SwingConstants.CENTER);
        JLabel countdown = new JLabel(countdownText(seconds), SwingConstants.CENTER);
        JButton accept = new JButton("Accept");
        JButton deny = new JButton("Deny");

        JPanel text = new JPanel(new GridLayout(2, 1));
        text.setBorder(BorderFactory.createEmptyBorder(12, 12, 0, 12));
        text.add(question);
        text.add(countdown);
        JPanel buttons = new JPanel(new GridLayout(1, 2));
        buttons.setPreferredSize(new Dimension(WIDTH, BUTTON_ROW_HEIGHT));
        buttons.add(accept);
        buttons.add(deny);
        dialog.getContentPane().add(text, BorderLayout.CENTER);
        dialog.getContentPane().add(buttons, BorderLayout.SOUTH);

        int[] left = {seconds};
        Timer timer = new Timer(1000, e -> {
            left[0]--;
            countdown.setText(countdownText(left[0]));
            if (left[0] <= 0) {
                finish(dialog, verdict, TIMED_OUT);
            }
        });
        accept.addActionListener(e -> finish(dialog, verdict, ACCEPTED));
        deny.addActionListener(e -> finish(dialog, verdict, DECLINED));
        dialog.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosing(java.awt.event.WindowEvent e) {
                finish(dialog, verdict, DECLINED);
            }
        });
        verdict.whenComplete((v, e) -> timer.stop());
        dialog.setUndecorated(true);
        dialog.getRootPane().setBorder(BorderFactory.createLineBorder(java.awt.Color.GRAY));
        dialog.setSize(WIDTH, HEIGHT);
        dialog.setLocationRelativeTo(null);
        dialog.setAlwaysOnTop(true);
        dialog.setModal(false);
        timer.start();
        dialog.setVisible(true);
        deny.requestFocusInWindow();
    }

    private static void finish(JDialog dialog, CompletableFuture<String> verdict, String answer) {
        if (verdict.complete(answer)) {
            dialog.dispose();
        }
    }

    private static String countdownText(int seconds) {
        return "Denied automatically in " + Math.max(seconds, 0) + " s";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
