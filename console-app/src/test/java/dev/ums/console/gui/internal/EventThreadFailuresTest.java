package dev.ums.console.gui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.ums.console.gui.GuiTests;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An exception nothing caught on the event thread is logged with its stack trace and told in one sentence. */
class EventThreadFailuresTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Thread.UncaughtExceptionHandler previous;
    private Robot robot;

    @BeforeEach
    void setUp() {
        GuiTests.requireDisplay();
        previous = Thread.getDefaultUncaughtExceptionHandler();
        log.start();
        ((Logger) LoggerFactory.getLogger(EventThreadFailures.class)).addAppender(log);
        robot = GuiTests.robot();
        EventThreadFailures.install();
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(EventThreadFailures.class)).detachAppender(log);
        Thread.setDefaultUncaughtExceptionHandler(previous);
        robot.cleanUp();
    }

    @Test
    void anEventThreadFailureIsLoggedAndShownAsOneSentence() {
        SwingUtilities.invokeLater(() -> {
            throw new IllegalStateException("a deliberate failure");
        });
        DialogFixture dialog = WindowFinder.findDialog("unexpectedError").withTimeout(10_000).using(robot);
        String text = dialog.label(new GenericTypeMatcher<>(JLabel.class) {
            @Override
            protected boolean isMatching(JLabel label) {
                return label.getText() != null && label.getText().contains("unexpected error");
            }
        }).text();
        assertThat(text).contains("IllegalStateException: a deliberate failure")
                .contains("the details are in the console's log file (ums-DATE.N.log).");
        assertThat(log.list).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).startsWith("uncaught exception on thread AWT-EventQueue");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("a deliberate failure");
            assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        });
        GuiTests.press(dialog.button().target());
        dialog.requireNotVisible();
    }
}
