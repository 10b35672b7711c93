package dev.ums.console.gui.internal.devices;

import static org.awaitility.Awaitility.await;

import java.awt.Dialog;
import java.time.Duration;
import javax.swing.JButton;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;

/**
 * The questions the devices' dialogs ask ({@link JOptionPane}), answered as a user would: a button pressed that opens
 * one, then the answer's button in it. Buttons are pressed through their action: without a window manager, Xvfb may
 * lose a robot click in a window that has just been mapped. Called on the test's thread.
 */
final class Questions {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Questions() {
    }

    /** Presses the button {@code name} of {@code dialog} and returns at once, while the question it asks shows. */
    static void ask(DialogFixture dialog, String name) {
        SwingUtilities.invokeLater(dialog.button(name).target()::doClick);
    }

    /** Presses {@code button} in the showing question titled {@code title}, waits until it is gone, and returns its type. */
    static int answer(Robot robot, String title, String button) {
        DialogFixture question = WindowFinder.findDialog(new GenericTypeMatcher<>(Dialog.class) {
            @Override
            protected boolean isMatching(Dialog d) {
                return title.equals(d.getTitle()) && d.isShowing();
            }
        }).withTimeout(10_000).using(robot);
        JOptionPane pane = question.optionPane().target();
        int type = GuiActionRunner.execute(pane::getMessageType);
        JButton pressed = (JButton) question.button(new GenericTypeMatcher<>(JButton.class) {
            @Override
            protected boolean isMatching(JButton b) {
                return button.equals(b.getText()) && b.isShowing();
            }
        }).target();
        GuiActionRunner.execute(() -> pressed.doClick());
        await().atMost(WAIT).until(() -> !GuiActionRunner.execute(question.target()::isShowing));
        return type;
    }
}
