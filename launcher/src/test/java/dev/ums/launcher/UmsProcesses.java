package dev.ums.launcher;

import dev.ums.console.core.ServerAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code ums} processes one test class starts, closed together when the class is done. */
final class UmsProcesses implements AutoCloseable {
    /** The administrator's password the servers started by {@link #startServer(Path, Duration)} have. */
    static final String ADMIN_PASSWORD = "it-admin-password";
    /** The enrollment token those servers take, for the agents enrolling with them. */
    static final String ENROLLMENT_TOKEN = "it-enrollment-token";

    private final List<UmsProcess> started = new ArrayList<>();

    /** {@link UmsProcess#start}, remembered for {@link #close()}. */
    synchronized UmsProcess start(String name, Path logDir, Map<String, String> env, String... args) throws IOException {
        UmsProcess process = UmsProcess.start(name, logDir, env, args);
        started.add(process);
        return process;
    }

    /** A started {@code ums server}: its process, and the base URL and certificate fingerprint it printed. */
    record Server(UmsProcess process, String url, String fingerprint) {
        int port() {
            return ServerAddress.parse(url).port();
        }
    }

    /**
     * Starts {@code ums server} on a free loopback port with its data in {@code work/server}, {@link #ADMIN_PASSWORD},
     * {@link #ENROLLMENT_TOKEN} and {@code env} in its environment, and {@code moreArgs}; waits up to {@code limit}
     * until it printed its fingerprint and is ready.
     */
    Server startServer(Path work, Map<String, String> env, Duration limit, String... moreArgs)
            throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.put("UMS_ADMIN_PASSWORD", ADMIN_PASSWORD);
        all.put("UMS_ENROLLMENT_TOKEN", ENROLLMENT_TOKEN);
        List<String> args = new ArrayList<>(List.of("server", "--port", "0", "--bind", "127.0.0.1", "--data",
                work.resolve("server").toString()));
        args.addAll(List.of(moreArgs));
        UmsProcess server = start("server", work, all, args.toArray(String[]::new));
        String fingerprint = server.awaitLine("fingerprint: ", limit);
        return new Server(server, server.awaitLine("ready: ", limit), fingerprint);
    }

    /** {@link #startServer(Path, Map, Duration, String...)} with nothing more in the environment nor arguments. */
    Server startServer(Path work, Duration limit) throws IOException, InterruptedException {
        return startServer(work, Map.of(), limit);
    }

    /** An environment for {@link #start} that removes {@code key} from the child's. */
    static Map<String, String> unset(String key) {
        Map<String, String> env = new HashMap<>();
        env.put(key, null);
        return env;
    }

    @Override
    public synchronized void close() {
        started.forEach(UmsProcess::close);
        started.clear();
    }
}
