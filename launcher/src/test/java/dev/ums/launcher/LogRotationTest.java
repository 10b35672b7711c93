package dev.ums.launcher;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.ums.protocol.io.ProcessOwner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The ums command's log configuration: logback finds it without a file, it closes a log file at its size limit
 * and begins the next, a log directory it cannot make costs one warning line, not the log's status screen, and the
 * directory it keeps is its user's alone.
 */
class LogRotationTest {
    @TempDir
    Path logs;

    @Test
    void aFloodOfLinesIsSpreadOverFilesOfBoundedSize() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("ums.log.dir", logs.toString());
        context.putProperty("ums.log.maxFileSize", "20KB");
        context.putProperty("ums.console.level", "OFF");
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);
        configuration.configure(context);
        Logger log = context.getLogger("dev.ums.flood");
        String line = "x".repeat(400);
        for (int i = 0; i < 1000; i++) {
            log.warn("refused a connection {}: {}", i, line);
            if (i % 20 == 0) {
                Thread.sleep(70); // the size is checked at most every 60 ms
            }
        }
        context.stop();
        List<Path> files;
        try (Stream<Path> list = Files.list(logs)) {
            files = list.sorted().toList();
        }
        assertThat(files.size()).isGreaterThan(5);
        assertThat(files).allSatisfy(f -> {
            assertThat(f.getFileName().toString()).matches("ums-\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log");
            assertThat(Files.size(f)).isLessThan(100_000);
        });
    }

    @Test
    void theLogDirectoryIsMadeOrKeptOwnerOnly() throws Exception {
        Path made = logs.resolve("home/.ums/logs");
        Path existing = Files.createDirectory(logs.resolve("existing"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));

        for (Path dir : List.of(made, existing)) {
            LoggerContext context = new LoggerContext();
            context.putProperty("ums.log.dir", dir.toString());
            context.putProperty("ums.console.level", "OFF");
            LogConfiguration configuration = new LogConfiguration();
            configuration.setContext(context);
            configuration.configure(context);
            context.getLogger("dev.ums.private").warn("device kiosk-1 at 192.0.2.7 is shadowed by admin");
            context.stop();
        }

        for (Path dir : List.of(made, made.getParent(), existing)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(dir.toString())
                    .isEqualTo("rwx------");
        }
        try (Stream<Path> files = Files.list(existing)) {
            assertThat(files).isNotEmpty();
        }
    }

    /**
     * Every log file, the first and those a rollover begins, is its user's alone whatever the umask, since the
     * directory may be one the launcher leaves open (another user's, such as a service's shared log directory); a file
     * of the user's left open by an older version is closed when it is opened again. Under the usual umask 022 the
     * files were {@code rw-r--r--}.
     */
    @Test
    void everyLogFileIsOwnerOnlyAlsoAfterARolloverAndOneLeftOpenIsClosed() throws Exception {
        Path first = logOnce("20KB", 1);
        Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rw-r--r--"));

        logOnce("20KB", 200);

        List<Path> files;
        try (Stream<Path> list = Files.list(logs)) {
            files = list.sorted().toList();
        }
        assertThat(files).as("rolled over").hasSizeGreaterThan(2).contains(first);
        assertThat(files).allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .as(f.toString()).isEqualTo("rw-------"));
    }

    /**
     * Whose a log file or directory is, is judged by uid, not by the {@code user.name} property: with that saying
     * another name, the process's own file and directory left open are still closed (on the old code, which compared
     * names, both stayed open).
     */
    @Test
    void theProcessesOwnFileAndDirectoryAreClosedWhateverUserNameSays() throws Exception {
        Path first = logOnce("20KB", 1);
        Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));

        withUserName("someone-else", () -> logOnce("20KB", 1));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwx------");
        assertThat(ProcessOwner.uid(logs)).as("the file system uid in /proc/self/status, that of a file made here")
                .isEqualTo(ProcessOwner.uidOfAFileMadeIn(logs)).isEqualTo(Files.getAttribute(first, "unix:uid"));
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files).as("no probe file left").allMatch(f -> f.getFileName().toString().startsWith("ums-"));
        }
    }

    /**
     * A log file and directory of another uid keep their permissions, also when {@code user.name} names their owner
     * (two names for one uid, or a property set by hand): the old code compared names and closed both. As root (CI)
     * they are given to uid 65534 and the file is still appended to; another user cannot give files away, so there
     * the judgement is asserted on a file of root's.
     */
    @Test
    void anotherUidsFileAndDirectoryKeepTheirPermissionsAlsoUnderTheirOwnersName() throws Exception {
        Path first = logOnce("20KB", 1);
        if (ProcessOwner.uid(logs).equals(0)) {
            Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setAttribute(first, "unix:uid", 65534);
            Files.setAttribute(logs, "unix:uid", 65534);
            long size = Files.size(first);

            withUserName(Files.getOwner(first).getName(), () -> logOnce("20KB", 1));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-r--r--");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwxr-xr-x");
            assertThat(Files.getAttribute(first, "unix:uid")).isEqualTo(65534);
            assertThat(Files.size(first)).as("appended to").isGreaterThan(size);
        } else {
            Path roots = Path.of("/etc/passwd");
            assertThat(Files.getAttribute(roots, "unix:uid")).isEqualTo(0);
            withUserName(Files.getOwner(roots).getName(),
                    () -> assertThat(ProcessOwner.owns(roots)).as(roots + " under its owner's name").isFalse());
            assertThat(ProcessOwner.owns(first)).as("this user's own file").isTrue();
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} with the {@code user.name} property saying {@code name}. */
    private static void withUserName(String name, Action action) throws Exception {
        String was = System.getProperty("user.name");
        System.setProperty("user.name", name);
        try {
            action.run();
        } finally {
            System.setProperty("user.name", was);
        }
    }

    /** Configures a context logging into {@link #logs}, writes {@code lines} long lines, stops; answers its first file. */
    private Path logOnce(String maxFileSize, int lines) throws InterruptedException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("ums.log.dir", logs.toString());
        context.putProperty("ums.log.maxFileSize", maxFileSize);
        context.putProperty("ums.console.level", "OFF");
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);
        configuration.configure(context);
        Path active = Path.of(((ch.qos.logback.core.rolling.RollingFileAppender<?>) context
                .getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE")).getRollingPolicy().getActiveFileName());
        Logger log = context.getLogger("dev.ums.private");
        for (int i = 0; i < lines; i++) {
            log.warn("device kiosk-{} at 192.0.2.7 is shadowed by admin: {}", i, "x".repeat(400));
            if (i % 20 == 19) {
                Thread.sleep(70); // the size is checked at most every 60 ms
            }
        }
        context.stop();
        return active;
    }

    @Test
    void logbackFindsThisConfigurationWithoutAFile() {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("CONSOLE")).isNotNull();
        assertThat(root.getAppender("FILE")).isNotNull();
        assertThat(context.getLogger("dev.ums").getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
    }

    @Test
    void theTuningPropertiesAreReadAsTheyWereFromXml() {
        LoggerContext context = new LoggerContext();
        context.putProperty("ums.log.dir", logs.toString());
        context.putProperty("ums.console.target", "System.out");
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);
        assertThat(configuration.configure(context))
                .isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(((ch.qos.logback.core.ConsoleAppender<?>) root.getAppender("CONSOLE")).getTarget())
                .isEqualTo("System.out");
        assertThat(((ch.qos.logback.core.rolling.RollingFileAppender<?>) root.getAppender("FILE"))
                .getRollingPolicy().getActiveFileName()).startsWith(logs.toString());
        context.stop();
    }

    @Test
    void aConfigurationFileGivenOnTheCommandLineWins() {
        LoggerContext context = new LoggerContext();
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);
        System.setProperty("logback.configurationFile", logs.resolve("other.xml").toString());
        try {
            assertThat(configuration.configure(context))
                    .isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            System.clearProperty("logback.configurationFile");
        }
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void aLogDirectoryThatCannotBeMadeLeavesOutTheFilesWithOneWarning() throws Exception {
        Path file = Files.writeString(logs.resolve("file"), "x");
        Path dir = file.resolve("logs");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("ums.log.dir", dir.toString());
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            configuration.configure(context);
        } finally {
            System.setErr(stderr);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("FILE")).isNull();
        assertThat(root.getAppender("CONSOLE")).isNotNull();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly("WARN LogConfiguration: cannot keep log"
                + " files in " + dir + ": not a directory; this run writes no log file");
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() == Status.ERROR);
        assertThat(file).hasContent("x");
        context.stop();
    }
}
