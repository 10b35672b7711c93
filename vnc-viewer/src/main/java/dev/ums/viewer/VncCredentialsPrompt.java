package dev.ums.viewer;

/**
 * Asked for credentials when the server wants them and only then: for VNC authentication (a password) or for the
 * Plain kinds of VeNCrypt (a user name and a password). Called on the session's reader thread during the handshake,
 * which may block while a dialog is open (that time is not counted against the handshake timeout); a Swing
 * implementation shows its dialog on the event thread and waits for it. When the session ends meanwhile, the reader
 * thread is interrupted: an implementation then closes its dialog and returns null.
 */
@FunctionalInterface
public interface VncCredentialsPrompt {
    /** A prompt that never has anything to give: the server's wish for a password ends the session. */
    VncCredentialsPrompt NONE = request -> null;

    /** @return the credentials, or null when the user cancelled (the session ends with a sentence saying so) */
    VncCredentials ask(Request request);

    /**
     * What the server wants.
     *
     * @param usernameNeeded  whether a user name is needed besides the password
     * @param knownUsername   the user name the settings carry, as a prefill; empty if none
     * @param previousRefused always false for now: the session asks at most once per connection
     */
    record Request(boolean usernameNeeded, String knownUsername, boolean previousRefused) {
    }
}
