package dev.ums.console.gui.internal;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ShadowConnector;

/** A logged-in administrator: the REST client with the server's pin and session cookie, and the user's name. */
public record AdminSession(ImiClient client, String user) {
    public String server() {
        return client.server().toString();
    }

    public ShadowConnector connector() {
        return new ShadowConnector(client);
    }
}
