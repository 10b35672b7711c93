package dev.ums.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ImiException;
import dev.ums.console.core.ImiException.Reason;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.UserSentence;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every failure's sentence, word for word as a user reads it, and the log's technical description beside it. */
class ImiFailureSentenceTest {
    private static final ServerAddress SERVER = new ServerAddress("ums.example", 8443);
    private static final String PRESENTED = "ab".repeat(32);

    private static ImiException at(Reason reason, int status, String detail) {
        return ImiException.atServer(reason, SERVER, status, detail, null);
    }

    private static ImiException about(Reason reason, String subject, String detail) {
        return ImiException.about(reason, subject, detail, null);
    }

    private static Arguments told(ImiException failure, String sentence) {
        return Arguments.of(failure.reason(), failure, sentence);
    }

    static Stream<Arguments> everyFailure() {
        return Stream.of(
            told(ImiException.serverCertificateMismatch(SERVER, PRESENTED, null), "the server's certificate does "
                    + "not match the pinned fingerprint (ums.example:8443 presents " + PRESENTED + ")"),
            told(at(Reason.SERVER_UNREACHABLE, 0, null), "cannot connect to ums.example:8443"),
            told(at(Reason.CONNECT_TIMED_OUT, 0, null),
                    "cannot connect to ums.example:8443 (no answer to the connection attempt)"),
            told(at(Reason.ANSWER_TIMED_OUT, 0, null), "the server at ums.example:8443 did not answer in time"),
            told(at(Reason.TLS_FAILED, 0, "Unsupported or unrecognized SSL message"), "the TLS handshake with "
                    + "ums.example:8443 failed (is it a UMS server speaking HTTPS?): Unsupported or unrecognized SSL "
                    + "message"),
            told(at(Reason.CONNECTION_FAILED, 0, "unexpected end of stream"),
                    "the connection to ums.example:8443 failed: unexpected end of stream"),
            told(at(Reason.INTERRUPTED, 0, null), "the request to ums.example:8443 was interrupted"),
            told(at(Reason.NO_CERTIFICATE_PRESENTED, 0, null),
                    "the server at ums.example:8443 presented no certificate"),
            told(at(Reason.WRONG_CREDENTIALS, 401, null), "wrong user name or password"),
            told(at(Reason.NOT_LOGGED_IN, 401, null), "not logged in to ums.example:8443, or the login expired"),
            told(at(Reason.SERVER_REFUSED, 409, "the device is offline"), "the device is offline"),
            told(at(Reason.SERVER_NOT_FOUND, 404, "no device with id 99"), "no device with id 99"),
            told(at(Reason.HTTP_ERROR, 500, null), "the server at ums.example:8443 answered HTTP 500"),
            told(at(Reason.HTTP_NOT_FOUND, 404, null), "the server at ums.example:8443 answered HTTP 404"),
            told(at(Reason.ANSWER_TOO_LARGE, 200, null), "the server at ums.example:8443 sent an answer larger than "
                    + (ImiClient.MAX_ANSWER_BYTES >> 20) + " MiB"),
            told(ImiException.atServerAbout(Reason.RECORDING_TOO_LARGE, SERVER, 200, "4 GiB", "5368709120 bytes "
                    + "declared", null), "the recording is larger than 4 GiB, the most the console downloads; an "
                    + "administrator of the server can copy its file from the server's recordings folder, and "
                    + "Console → Open recording… plays the copy"),
            told(at(Reason.RECORDING_WITHOUT_LENGTH, 200, null), "the server at ums.example:8443 sent the recording "
                    + "without its length, so a cut download could not be told from a whole one; nothing was kept"),
            told(at(Reason.RECORDING_LENGTH_MISMATCH, 200, "100 bytes declared, 50 sent"), "the server at "
                    + "ums.example:8443 sent the recording with another length than it declared (100 bytes declared, "
                    + "50 sent); nothing was kept"),
            told(ImiException.atServerAbout(Reason.RECORDING_CUT_OFF, SERVER, 200, "300 KiB of 1 MiB",
                    "unexpected end of stream", null), "the download of the recording from ums.example:8443 broke "
                    + "off after 300 KiB of 1 MiB (unexpected end of stream); nothing was kept, try again"),
            told(ImiException.atServerAbout(Reason.NOT_ENOUGH_DISK_SPACE, SERVER, 200, "/tmp", null, null),
                    "there is not enough free disk space in /tmp for the recording (the console leaves 1 GiB free); "
                    + "free some space and try again"),
            told(ImiException.atServerAbout(Reason.RECORDING_NOT_WRITTEN, SERVER, 200, "/tmp/x", "no such folder",
                    null), "the recording could not be written to /tmp/x: no such folder"),
            told(at(Reason.EMPTY_ANSWER, 200, null), "the server at ums.example:8443 sent an empty answer"),
            told(at(Reason.UNREADABLE_ANSWER, 200, "Unexpected character ('n')"), "the server at ums.example:8443 "
                    + "sent an answer this console cannot read (Unexpected character ('n'))"),
            told(at(Reason.NO_TUNNEL_IN_SESSION, 200, null),
                    "the server started a shadow session but did not say where its tunnel is"),
            told(ImiException.of(Reason.NO_DEVICE_GIVEN, null), "no device given (name or id)"),
            told(about(Reason.NO_DEVICE_NAMED, "Nutmeg", null), "no device named Nutmeg"),
            told(ImiException.ambiguousDevice("pepper", List.of("3", "4")),
                    "2 devices are named pepper (ids 3, 4); give the id instead"),
            told(about(Reason.TUNNEL_NOT_OPENED, "wss://gw:9443/shadow/tunnel/s1",
                    "the tunnel at gw:9443 refused the connection (HTTP 404)"),
                    "the tunnel at gw:9443 refused the connection (HTTP 404)"),
            told(ImiException.tunnelCertificateMismatch(PRESENTED,
                    "the certificate of gw:9443 does not match the pinned fingerprint", null),
                    "the certificate of gw:9443 does not match the pinned fingerprint"),
            told(about(Reason.MALFORMED_TUNNEL_FINGERPRINT, "xyz", null),
                    "the server named a malformed tunnel fingerprint: xyz"),
            told(about(Reason.TUNNEL_NOT_TLS, "ws://gw:1/x", null),
                    "the server named a tunnel that is not TLS-protected: ws://gw:1/x"),
            told(about(Reason.MALFORMED_TUNNEL_ADDRESS, "wss://gw:x", null),
                    "the server named a malformed tunnel address: wss://gw:x"),
            told(ImiException.of(Reason.VIEW_ONLY_NOT_POSSIBLE, null), "a view-only session is not possible with an "
                    + "OS 11 device: its secure VNC handshake carries no view-only flag (the device's own \"allow "
                    + "input\" setting applies)"),
            told(ImiException.of(Reason.NO_SHADOW_SECRET, null), "the server sent no shadow secret for this device"),
            told(ImiException.of(Reason.NO_DEVICE_CERTIFICATE, null),
                    "the server holds no certificate for this device; it never sent one"),
            told(ImiException.of(Reason.UNREADABLE_DEVICE_CERTIFICATE, null),
                    "the certificate the server holds for this device cannot be read"),
            told(about(Reason.NO_SESSION_PASSWORD, "Curry (id 7)", null),
                    "the server sent no session password for Curry (id 7)"),
            told(about(Reason.NO_DEVICE_ADDRESS, "Curry (id 7)", null),
                    "the server knows no address for Curry (id 7): the device never connected to it"),
            told(about(Reason.GATEWAY_TUNNEL_UNUSABLE, "Curry (id 7)", "the tunnel closed"),
                    "the tunnel to Curry (id 7) could not be used: the tunnel closed"),
            told(about(Reason.DEVICE_CONNECTION_FAILED, "10.0.0.7:5900", "peer not authenticated"),
                    "the connection to the device at 10.0.0.7:5900 failed: peer not authenticated"),
            told(about(Reason.GATEWAY_DEVICE_CONNECTION_FAILED, "gw:9443", "peer not authenticated"),
                    "the connection to the device behind the gateway gw:9443 failed: peer not authenticated"),
            told(about(Reason.DEVICE_UNREACHABLE, null, "cannot connect to the device at 10.0.0.7:5900 (connection "
                    + "refused)"), "cannot connect to the device at 10.0.0.7:5900 (connection refused)"),
            told(about(Reason.DEVICE_CERTIFICATE_MISMATCH, null, "the device's certificate does not match the one "
                    + "the server holds"), "the device's certificate does not match the one the server holds"),
            told(about(Reason.DEVICE_REFUSED, null, "the device refused the session password"),
                    "the device refused the session password"),
            told(about(Reason.DEVICE_NOT_VNC, null, "the device at 10.0.0.7:5900 answered the session password "
                    + "with \"HTTP/1.1\""), "the device at 10.0.0.7:5900 answered the session password with "
                    + "\"HTTP/1.1\""),
            told(about(Reason.DEVICE_HANDSHAKE_FAILED, null, "the device at 10.0.0.7:5900 did not answer the "
                    + "session password within 10 seconds"), "the device at 10.0.0.7:5900 did not answer the "
                    + "session password within 10 seconds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFailure")
    void eachFailureIsToldInItsSentence(Reason reason, ImiException failure, String sentence) {
        assertThat(ImiFailureSentence.of(failure)).isEqualTo(sentence);
    }

    @Test
    void everyReasonHasASentenceHere() {
        Set<Reason> covered = EnumSet.noneOf(Reason.class);
        everyFailure().forEach(told -> covered.add((Reason) told.get()[0]));

        assertThat(covered).isEqualTo(EnumSet.allOf(Reason.class));
    }

    @Test
    void theTunnelsFailureWithoutWordsOfItsOwnStillReadsAsASentence() {
        assertThat(ImiFailureSentence.of(about(Reason.TUNNEL_NOT_OPENED, "wss://gw:9443/x", null)))
                .isEqualTo("the tunnel to the device could not be opened");
    }

    @Test
    void theScreensCapitalizeTheSentenceAndEndItWithAFullStop() {
        assertThat(UserSentence.of(at(Reason.WRONG_CREDENTIALS, 401, null)))
                .isEqualTo("Wrong user name or password.");
    }

    @Test
    void theLogReadsTheReasonAndItsFactsOrTheWordsOfWhoeverDescribedTheFailure() {
        ImiException status = at(Reason.HTTP_ERROR, 500, null);
        ImiException refused = at(Reason.SERVER_REFUSED, 409, "the device is offline");

        assertThat(status.getMessage()).isEqualTo("HTTP_ERROR server=ums.example:8443 status=500");
        assertThat(refused.getMessage()).isEqualTo("the device is offline");
        assertThat(refused).hasToString(ImiException.class.getName()
                + ": SERVER_REFUSED server=ums.example:8443 status=409: the device is offline");
        assertThat(ImiException.ambiguousDevice("pepper", List.of("3", "4")).getMessage())
                .isEqualTo("AMBIGUOUS_DEVICE_NAME subject=pepper ids=[3, 4]");
    }
}
