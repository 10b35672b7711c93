package dev.ums.testkit.net;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * A loopback TCP port that was free a moment ago, for a child process that must be told its port before it starts.
 * Another process may take it meanwhile; tests accept that small race. Any thread.
 */
public final class FreePort {
    private FreePort() {
    }

    public static int pick() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
