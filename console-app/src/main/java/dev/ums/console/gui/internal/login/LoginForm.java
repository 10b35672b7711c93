package dev.ums.console.gui.internal.login;

import java.util.List;

/** What the login screen shows and gives back (the password travels separately, as a char array). */
public record LoginForm(String server, String user, List<String> knownServers) {
    public LoginForm {
        server = server == null ? "" : server.strip();
        user = user == null ? "" : user.strip();
        knownServers = List.copyOf(knownServers);
    }
}
