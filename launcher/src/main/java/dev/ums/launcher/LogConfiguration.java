package dev.ums.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;
import dev.ums.protocol.io.FileFailureSentence;
import dev.ums.protocol.io.ProcessOwner;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Logging of the ums command, set up in code (logback finds it through {@code ServiceLoader}): reading the same
 * configuration from XML cost a cold start about 0.2 s more CPU and 580 more classes (docs/BENCHMARKS.md). Users see
 * only warnings and errors on stderr, one line each and never a stack trace; the details, with stack traces, go to
 * log files shared by all ums processes of this user, rotated by size.
 *
 * <p>Tuning (system properties, e.g. JAVA_TOOL_OPTIONS, or the logger context's properties):
 * {@code ums.console.level} level shown on the console (default WARN), {@code ums.console.target} System.err
 * (default) or System.out, {@code ums.log.dir} directory of the log files (default ~/.ums/logs),
 * {@code ums.log.maxFileSize} size at which a log file is closed and the next one begun (default 10MB). The files are
 * ums-&lt;date&gt;.&lt;n&gt;.log: a new one each day and whenever one reaches the size; files older than 14 days go,
 * and the oldest go first once all together pass 200 MB. With {@code -Dlogback.configurationFile} logback reads that
 * file instead.
 *
 * <p>A log directory that cannot be created or written in leaves this run without log files rather than failing
 * every start: one warning line says so (nothing goes to the shared temporary directory, where another user could
 * have made the files first, docs/DECISIONS.md), and logback's own status lines, a screenful with stack traces, stay
 * silent.
 *
 * <p>Runs once, on the thread that logs first.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // with a status listener, logback does not print its status lines when a part fails to start
        context.getStatusManager().add(new NopStatusListener());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console(context));
        context.getLogger("dev.ums").setLevel(Level.DEBUG);
        context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
        String dir = property(context, "ums.log.dir", System.getProperty("user.home") + "/.ums/logs");
        String unusable = unusable(dir);
        if (unusable == null) {
            RollingFileAppender<ILoggingEvent> files = files(context, dir);
            if (files.isStarted()) {
                root.addAppender(files);
            } else {
                files.getRollingPolicy().stop();
                unusable = "cannot write the log files in " + dir;
            }
        }
        if (unusable != null) {
            context.getLogger(LogConfiguration.class).warn("{}; this run writes no log file", unusable);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Null when the log files can go into {@code dir} (created if need be), else the sentence saying why not. */
    static String unusable(String dir) {
        Path path;
        try {
            path = Path.of(dir);
        } catch (InvalidPathException e) {
            return "cannot keep log files in " + dir + ": " + e.getReason();
        }
        try {
            createOwnerOnly(path);
        } catch (FileAlreadyExistsException e) {
            return FileFailureSentence.of("keep log files in", new NotDirectoryException(dir));
        } catch (FileSystemException e) {
            return FileFailureSentence.of("keep log files in", e);
        } catch (IOException e) {
            return "cannot keep log files in " + dir + ": " + e.getMessage();
        }
        if (!Files.isWritable(path)) {
            return FileFailureSentence.of("keep log files in", new AccessDeniedException(dir));
        }
        return null;
    }

    /**
     * The log directory, made (with any missing parents) or kept {@code rwx------} where the file system has POSIX
     * permissions: the lines name devices, administrators and addresses, which are not for the machine's other
     * users. A directory another user owns keeps its permissions (only its owner may change them), as does one
     * whose file system refuses the change: the log is kept either way.
     */
    private static void createOwnerOnly(Path path) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(path);
            return;
        }
        Files.createDirectories(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            if (ProcessOwner.owns(path) && !Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException refused) {
            // the directory stays as it was; the log files still go there
        }
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget(property(context, "ums.console.target", "System.err"));
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(property(context, "ums.console.level", "WARN"));
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(context, "%level %logger{0}: %msg%n%nopex"));
        console.start();
        return console;
    }

    /**
     * No file name of its own: every process appends to the current ums-&lt;date&gt;.&lt;n&gt;.log and moves on to
     * the next number by itself when the file is full; nothing is renamed, so several processes share the files
     * safely (appends of whole lines). Prudent mode is not used: with it the size limit never applies. Each file is
     * made {@code rw-------} as it is opened ({@link OwnerOnlyLogFiles}), also in a directory this user cannot close.
     */
    private static RollingFileAppender<ILoggingEvent> files(LoggerContext context, String dir) {
        RollingFileAppender<ILoggingEvent> files = new OwnerOnlyLogFiles();
        files.setContext(context);
        files.setName("FILE");
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(files);
        policy.setFileNamePattern(dir + "/ums-%d{yyyy-MM-dd}.%i.log");
        policy.setMaxFileSize(FileSize.valueOf(property(context, "ums.log.maxFileSize", "10MB")));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        files.setRollingPolicy(policy);
        files.setEncoder(encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36}: %msg%n"));
        files.start();
        return files;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    /** The context's property, else the system property, else the environment variable, as logback's XML reads them. */
    private static String property(LoggerContext context, String name, String fallback) {
        String value = context.getProperty(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? fallback : value;
    }
}
