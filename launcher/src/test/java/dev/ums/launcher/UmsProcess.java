package dev.ums.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code java -jar ums.jar …} child process for integration tests: its stdout and stderr are collected
 * line by line on two daemon threads, so tests can wait for a line ({@code ready:}, {@code listening:})
 * and assert on what a user would read. {@link #close()} kills it (and its children).
 */
final class UmsProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private UmsProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        outReader = collect(process.getInputStream(), out, name + "-out");
        errReader = collect(process.getErrorStream(), err, name + "-err");
    }

    /**
     * Starts {@code ums <args>} with {@code env} added to (or, for null values, removed from) this process's
     * environment; the log file goes to {@code logDir}.
     */
    static UmsProcess start(String name, Path logDir, Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("ums.jar");
        if (jar == null) {
            throw new IllegalStateException("system property ums.jar is not set (run through failsafe)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dums.log.dir=" + logDir, "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        return new UmsProcess(name, builder.start());
    }

    private static Thread collect(InputStream stream, List<String> lines, String thread) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read stays
            }
        }, thread);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Waits for a stdout line starting with {@code prefix} and returns the rest of it. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (out) {
            while (true) {
                for (String line : out) {
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length()).strip();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && out.isEmpty())) {
                    throw new AssertionError(name + " printed no line starting with '" + prefix + "' in " + timeout
                            + "; alive=" + process.isAlive() + "\nstdout: " + out + "\nstderr: " + stderr());
                }
                out.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "\nstdout: " + stdout()
                    + "\nstderr: " + stderr());
        }
        // the pipes close with the process; wait until everything it printed has been read
        outReader.join(timeout.toMillis());
        errReader.join(timeout.toMillis());
        return process.exitValue();
    }

    List<String> stdout() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> stderr() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Stops it as Ctrl+C or a service manager would (SIGTERM: shutdown hooks run) and waits for the exit, keeping what
     * it prints while it stops: {@link Process#destroy()} would close the pipes it prints to right after the signal.
     */
    int stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
