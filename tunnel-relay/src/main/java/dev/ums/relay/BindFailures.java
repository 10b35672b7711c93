package dev.ums.relay;

import java.net.BindException;

/** One sentence for why a server could not start listening. */
public final class BindFailures {
    private BindFailures() {
    }

    public static String describe(String bind, int port, Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof BindException) {
                return "cannot listen on " + bind + ":" + port + ": the port is in use or the address is not local";
            }
            t = t.getCause();
        }
        return "cannot start listening on " + bind + ":" + port + ": " + e.getMessage();
    }
}
