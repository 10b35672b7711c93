package dev.ums.testkit.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The events one logger writes during each test, for tests that check what is logged: register it with
 * {@code @RegisterExtension}; it listens from before each test until after it. Needs Logback as the SLF4J binding
 * (the test's own dependency). Read {@link #events()} once the logging code is done, or wait for a line with it.
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** The logger named {@code name}. */
    public CapturedLog(String name) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
    }

    /** The logger of {@code type}. */
    public CapturedLog(Class<?> type) {
        this(type.getName());
    }

    /** The captured logger, for code under test that takes its logger. */
    public org.slf4j.Logger logger() {
        return logger;
    }

    /**
     * What was logged so far, oldest first: a copy, so that reading it while another thread logs neither fails nor
     * misses a line (Logback appends holding the appender's lock).
     */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        appender.stop();
    }
}
