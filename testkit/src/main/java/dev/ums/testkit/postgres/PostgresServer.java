package dev.ums.testkit.postgres;

import dev.ums.testkit.net.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, real PostgreSQL server for tests: its own cluster in a temporary directory on a free loopback
 * port, user {@code ums} with trust authentication, removed on {@link #close()}. Uses the Debian packages'
 * binaries ({@code /usr/lib/postgresql/N/bin}); when the tests run as root the cluster runs as the
 * {@code postgres} system user, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("ums-pg");
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        int port = FreePort.pick();
        PostgresServer server = new PostgresServer(bin, dir, port, root);
        Path data = dir.resolve("data");
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "ums", "-A", "trust",
                "--no-sync", "-E", "UTF8"));
        server.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "ums";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"));
        } catch (IOException | InterruptedException e) {
            // the directory is removed below either way
        } finally {
            deleteTree(dir);
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("`" + String.join(" ", command) + "` failed: " + new String(output));
        }
    }

    private static Path findBin() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IOException("PostgreSQL's initdb is not installed under /usr/lib/postgresql"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("PostgreSQL is not installed (no /usr/lib/postgresql); install the postgresql package", e);
        }
    }


    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left behind is harmless
        }
    }
}
