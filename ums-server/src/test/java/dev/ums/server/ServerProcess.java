package dev.ums.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A {@link ServerMain} in its own JVM, which a test can kill as {@code kill -9} would. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    final String baseUrl;
    final String fingerprint;

    private ServerProcess(Process process, String baseUrl, String fingerprint) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.fingerprint = fingerprint;
    }

    /**
     * Starts the server on {@code dataDir} (and a database URL and user, if given), its output going to
     * {@code log} (a new file per start); waits until it listens.
     */
    static ServerProcess start(Path dataDir, Path log, String... database) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName(), dataDir.toString()));
        command.addAll(List.of(database));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<String> ready = Files.exists(log)
                    ? Files.readAllLines(log).stream().filter(l -> l.startsWith("READY ")).findFirst() : Optional.empty();
            if (ready.isPresent()) {
                String[] parts = ready.get().split(" ");
                return new ServerProcess(p, parts[1], parts[2]);
            }
            if (!p.isAlive()) {
                throw new IOException("the server process exited with " + p.exitValue() + "; see " + log);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IOException("the server process did not get ready within 60 s; see " + log);
    }

    /** Ends the process at once, without any shutdown work: what {@code kill -9} does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
