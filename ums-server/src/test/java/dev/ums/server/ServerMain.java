package dev.ums.server;

import java.nio.file.Path;

/**
 * A UMS server as a child process for crash tests: {@code ServerMain <dataDir> [jdbcUrl user]}. Prints
 * {@code READY <baseUrl> <fingerprint>} once listening, then runs until killed.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.forTests(Path.of(args[0]));
        if (args.length >= 3) {
            config = config.withDatabase(args[1], args[2], null);
        }
        UmsServer server = UmsServer.start(config);
        System.out.println("READY " + server.baseUrl() + " " + server.fingerprint());
        System.out.flush();
        server.awaitStop();
    }
}
