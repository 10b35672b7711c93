package dev.ums.viewer.internal.handshake;

/**
 * Told when the handshake starts and stops waiting for the user (a credentials prompt, a certificate check that may
 * ask), so that the time the user takes is not counted against the handshake's limit. Called on the session's reader
 * thread; implementations take calls from it and their own timer thread.
 */
public interface UserWait {
    /** For handshakes without a limit. */
    UserWait NONE = new UserWait() {
        @Override
        public void began() {
        }

        @Override
        public void ended() {
        }
    };

    void began();

    void ended();
}
