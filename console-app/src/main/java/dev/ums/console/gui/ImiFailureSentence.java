package dev.ums.console.gui;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ImiException;

/**
 * The one sentence a user reads for a failure of the console's work with the server ({@link ImiException}), in
 * lower case without a full stop: the console's screens show it capitalized with a full stop, the {@code ums}
 * command line prints it after {@code error:}. Where the server or a lower layer (the tunnel, the secure VNC
 * handshake) worded the failure, its words are the sentence. Pure; any thread.
 */
public final class ImiFailureSentence {
    private ImiFailureSentence() {
    }

    public static String of(ImiException failure) {
        String server = String.valueOf(failure.server());
        String subject = failure.subject();
        String detail = failure.detail();
        return switch (failure.reason()) {
            case SERVER_CERTIFICATE_MISMATCH -> "the server's certificate does not match the pinned fingerprint ("
                    + server + " presents " + failure.presentedFingerprint().orElse("another certificate") + ")";
            case SERVER_UNREACHABLE -> "cannot connect to " + server;
            case CONNECT_TIMED_OUT -> "cannot connect to " + server + " (no answer to the connection attempt)";
            case ANSWER_TIMED_OUT -> "the server at " + server + " did not answer in time";
            case TLS_FAILED -> "the TLS handshake with " + server + " failed (is it a UMS server speaking HTTPS?): "
                    + detail;
            case CONNECTION_FAILED -> "the connection to " + server + " failed: " + detail;
            case INTERRUPTED -> "the request to " + server + " was interrupted";
            case NO_CERTIFICATE_PRESENTED -> "the server at " + server + " presented no certificate";
            case WRONG_CREDENTIALS -> "wrong user name or password";
            case NOT_LOGGED_IN -> "not logged in to " + server + ", or the login expired";
            case SERVER_REFUSED, SERVER_NOT_FOUND -> detail;
            case HTTP_ERROR, HTTP_NOT_FOUND -> "the server at " + server + " answered HTTP " + failure.status();
            case ANSWER_TOO_LARGE -> "the server at " + server + " sent an answer larger than "
                    + (ImiClient.MAX_ANSWER_BYTES >> 20) + " MiB";
            case RECORDING_TOO_LARGE -> "the recording is larger than " + subject + ", the most the console "
                    + "downloads; an administrator of the server can copy its file from the server's recordings "
                    + "folder, and Console → Open recording… plays the copy";
            case RECORDING_WITHOUT_LENGTH -> "the server at " + server + " sent the recording without its length, so "
                    + "a cut download could not be told from a whole one; nothing was kept";
            case RECORDING_LENGTH_MISMATCH -> "the server at " + server + " sent the recording with another length "
                    + "than it declared (" + detail + "); nothing was kept";
            case RECORDING_CUT_OFF -> "the download of the recording from " + server + " broke off after " + subject
                    + " (" + detail + "); nothing was kept, try again";
            case NOT_ENOUGH_DISK_SPACE -> "there is not enough free disk space in " + subject + " for the recording "
                    + "(the console leaves " + (ImiClient.KEEP_FREE_BYTES >> 30) + " GiB free); free some space and "
                    + "try again";
            case RECORDING_NOT_WRITTEN -> "the recording could not be written to " + subject + ": " + detail;
            case EMPTY_ANSWER -> "the server at " + server + " sent an empty answer";
            case UNREADABLE_ANSWER -> "the server at " + server + " sent an answer this console cannot read ("
                    + detail + ")";
            case NO_TUNNEL_IN_SESSION -> "the server started a shadow session but did not say where its tunnel is";
            case NO_DEVICE_GIVEN -> "no device given (name or id)";
            case NO_DEVICE_NAMED -> "no device named " + subject;
            case AMBIGUOUS_DEVICE_NAME -> failure.deviceIds().size() + " devices are named " + subject + " (ids "
                    + String.join(", ", failure.deviceIds()) + "); give the id instead";
            case TUNNEL_NOT_OPENED, TUNNEL_CERTIFICATE_MISMATCH ->
                    detail == null ? "the tunnel to the device could not be opened" : detail;
            case MALFORMED_TUNNEL_FINGERPRINT -> "the server named a malformed tunnel fingerprint: " + subject;
            case TUNNEL_NOT_TLS -> "the server named a tunnel that is not TLS-protected: " + subject;
            case MALFORMED_TUNNEL_ADDRESS -> "the server named a malformed tunnel address: " + subject;
            case VIEW_ONLY_NOT_POSSIBLE -> "a view-only session is not possible with an OS 11 device: its secure VNC "
                    + "handshake carries no view-only flag (the device's own \"allow input\" setting applies)";
            case NO_SHADOW_SECRET -> "the server sent no shadow secret for this device";
            case NO_DEVICE_CERTIFICATE -> "the server holds no certificate for this device; it never sent one";
            case UNREADABLE_DEVICE_CERTIFICATE -> "the certificate the server holds for this device cannot be read";
            case NO_SESSION_PASSWORD -> "the server sent no session password for " + subject;
            case NO_DEVICE_ADDRESS -> "the server knows no address for " + subject
                    + ": the device never connected to it";
            case GATEWAY_TUNNEL_UNUSABLE -> "the tunnel to " + subject + " could not be used: " + detail;
            case DEVICE_CONNECTION_FAILED -> "the connection to the device at " + subject + " failed: " + detail;
            case GATEWAY_DEVICE_CONNECTION_FAILED -> "the connection to the device behind the gateway " + subject
                    + " failed: " + detail;
            case DEVICE_UNREACHABLE, DEVICE_CERTIFICATE_MISMATCH, DEVICE_REFUSED, DEVICE_NOT_VNC,
                    DEVICE_HANDSHAKE_FAILED -> detail;
        };
    }
}
