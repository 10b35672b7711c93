package dev.ums.viewer;

import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * An X client for input tests, run as its own process on the test display: a full-screen window
 * that prints every typed character and every mouse press, one per line, until killed.
 */
public final class XInputProbe {
    private XInputProbe() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        SwingUtilities.invokeLater(() -> {
            JFrame frame = new JFrame("probe");
            frame.setUndecorated(true);
            frame.setBounds(0, 0, Integer.parseInt(args[0]), Integer.parseInt(args[1]));
            frame.addKeyListener(new KeyAdapter() {
                @Override
                public void keyTyped(KeyEvent e) {
                    out.println("typed " + (int) e.getKeyChar());
                }
            });
            frame.addMouseListener(new MouseAdapter() {
                @Override
                public void mousePressed(MouseEvent e) {
                    out.println("pressed " + e.getX() + "," + e.getY() + " button " + e.getButton());
                }
            });
            frame.setVisible(true);
            frame.requestFocus();
            out.println("ready");
        });
    }
}
