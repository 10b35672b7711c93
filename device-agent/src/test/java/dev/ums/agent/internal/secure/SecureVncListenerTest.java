package dev.ums.agent.internal.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.SessionIndicator;
import dev.ums.agent.internal.shadow.TunnelledConnections;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.up.UpMessage;
import dev.ums.testkit.log.CapturedLog;
import dev.ums.testkit.tls.AnyCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listener with fakes around it: a password check answered in process, a stand-in VNC server that greets
 * with whatever the test says. Covers what the real-server tests cannot reach cheaply: clients that say
 * nothing, VNC servers that are absent or speak something else, a device without its server.
 */
class SecureVncListenerTest {
    /** The command timeout of the tests of clients cut off by it; it also covers their TLS handshake. */
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);

    private static final String GOOD = "464abcbd-1399-47d0-b011-eba2e67a72b0";

    private final AtomicBoolean online = new AtomicBoolean(true);
    /** The password checks the fake server was asked. */
    private final AtomicInteger asked = new AtomicInteger();
    /** The administrator the fake server names in a good verdict. */
    private volatile String admin = "admin";
    @RegisterExtension
    final CapturedLog sessionLog = new CapturedLog(SecureVncSession.class);
    private SecureVncListener listener;
    private ServerSocket vnc;

    @AfterEach
    void stop() throws IOException {
        if (listener != null) {
            listener.close();
        }
        if (vnc != null) {
            vnc.close();
        }
    }

    /** A listener with a command timeout that a loaded machine's TLS handshake and command always fit in. */
    private void listen(InetSocketAddress vncAddress) throws Exception {
        listen(vncAddress, Duration.ofSeconds(10));
    }

    private void listen(InetSocketAddress vncAddress, Duration commandTimeout) throws Exception {
        PasswordChecks[] checks = new PasswordChecks[1];
        // the fake server answers at once, inside send: the check is pending before it is sent
        checks[0] = new PasswordChecks(message -> {
            UpMessage.ShadowPasswordCheck check = (UpMessage.ShadowPasswordCheck) message;
            asked.incrementAndGet();
            checks[0].verdict(new UpMessage.ShadowPasswordVerdict(check.requestId(), GOOD.equals(check.password()),
                    admin, null));
        }, online::get);
        listener = SecureVncListener.start(SelfSignedIdentity.create("device"), null, 0,
                new SecureVncListener.Settings(new ShadowSettings(true, false, true), vncAddress,
                        request -> { throw new AssertionError("no prompt in these tests"); }, checks[0],
                        commandTimeout, SessionIndicator.NONE, new TunnelledConnections()), "test");
    }

    /** A stand-in VNC server that sends {@code greeting} to each client and then reads until it leaves. */
    private InetSocketAddress vncGreeting(String greeting) throws IOException {
        vnc = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!vnc.isClosed()) {
                try (Socket client = vnc.accept()) {
                    client.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                    client.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // next client, or closed
                }
            }
        }, "fake-vnc");
        thread.setDaemon(true);
        thread.start();
        return new InetSocketAddress("127.0.0.1", vnc.getLocalPort());
    }

    private static InetSocketAddress nothingListening() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return new InetSocketAddress("127.0.0.1", probe.getLocalPort());
        }
    }

    private SSLSocket tls() throws Exception {
        return tls(InetAddress.getLoopbackAddress());
    }

    /** A TLS client from {@code from}, one of the loopback addresses (127.0.0.0/8 all reach the listener). */
    private SSLSocket tls(InetAddress from) throws Exception {
        SSLSocket socket = (SSLSocket) AnyCertificate.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), listener.port(), from, 0);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String answer(SSLSocket socket, String command) throws IOException {
        socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new String(readUntilClosedOr12(socket.getInputStream()), StandardCharsets.US_ASCII);
    }

    /** Up to 12 bytes; a reset counts as the end. A guard timeout fails the test instead of hanging it. */
    private static byte[] readUntilClosedOr12(InputStream in) throws IOException {
        try {
            return in.readNBytes(12);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static int recordLength(byte[] records, int at) {
        return (records[at + 3] & 0xff) << 8 | records[at + 4] & 0xff;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // reset: the end
        }
        return all.toByteArray();
    }

    @Test
    void theGreetingIsTheVncServersOwnVerbatim() throws Exception {
        listen(vncGreeting("RFB 003.007\n"));
        try (SSLSocket socket = tls()) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEqualTo("RFB 003.007\n");
        }
    }

    @Test
    void aClientThatCompletesTlsAndThenSaysNothingIsCutOff() throws Exception {
        listen(vncGreeting("RFB 003.008\n"), SHORT_TIMEOUT);
        try (SSLSocket socket = tls()) {
            socket.startHandshake();
            assertThat(readUntilClosedOr12(socket.getInputStream())).isEmpty();
        }
    }

    @Test
    void aClientThatNeverStartsTlsIsCutOff() throws Exception {
        listen(vncGreeting("RFB 003.008\n"), SHORT_TIMEOUT);
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(20_000);
            // the agent ends its side of TLS: alert records (content type 21) at most, then the end
            byte[] got = readToEnd(socket.getInputStream());
            for (int record = 0; record < got.length; record += 5 + recordLength(got, record)) {
                assertThat(got[record]).as("TLS record type at %d of %s", record, java.util.Arrays.toString(got))
                        .isEqualTo((byte) 21);
            }
        }
    }

    @Test
    void aVncServerThatDoesNotSpeakRfbEndsTheSession() throws Exception {
        listen(vncGreeting("SSH-2.0-OpenSSH_9.2\r\n"));
        try (SSLSocket socket = tls()) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEmpty();
        }
    }

    @Test
    void withoutAVncServerTheSessionEnds() throws Exception {
        listen(nothingListening());
        try (SSLSocket socket = tls()) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEmpty();
        }
    }

    @Test
    void withoutTheServerNoPasswordIsGood() throws Exception {
        listen(vncGreeting("RFB 003.008\n"));
        online.set(false);
        try (SSLSocket socket = tls()) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEmpty();
        }
    }

    @Test
    void passwordsFromOneAddressBeyondTenAMinuteAreRefusedWithoutAskingTheServer() throws Exception {
        listen(vncGreeting("RFB 003.008\n"));
        for (int i = 0; i < SecureVncAdmission.CHECKS_PER_ADDRESS + 3; i++) {
            try (SSLSocket socket = tls()) {
                assertThat(answer(socket, "PROCYCMD PW_" + UUID.randomUUID())).isEmpty();
            }
        }
        try (SSLSocket socket = tls()) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).as("refused before the server is asked").isEmpty();
        }
        assertThat(asked).hasValue(SecureVncAdmission.CHECKS_PER_ADDRESS);

        try (SSLSocket socket = tls(InetAddress.getByName("127.0.0.2"))) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEqualTo("RFB 003.008\n");
        }
    }

    /**
     * The server takes a blank password, or one over 128 characters, for a malformed message and closes the device's
     * UP socket; no password of a form it never issues is sent, and each counts against its own address only.
     */
    @Test
    void passwordsNoServerIssuesAreNeverSentAndCountAgainstTheirAddressOnly() throws Exception {
        listen(vncGreeting("RFB 003.008\n"));
        String[] neverIssued = {"PROCYCMD PW_\n", "PROCYCMD PW_" + "p".repeat(200) + "\n", "PROCYCMD PW_short\n",
                "PROCYCMD PW_" + GOOD.toUpperCase(), "PROCYCMD PW_{" + GOOD + "}\n"};
        for (int i = 0; i < SecureVncAdmission.CHECKS_PER_ADDRESS; i++) {
            try (SSLSocket socket = tls()) {
                assertThat(answer(socket, neverIssued[i % neverIssued.length])).isEmpty();
            }
        }
        assertThat(asked).as("passwords sent to the server").hasValue(0);
        try (SSLSocket socket = tls()) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).as("the address spent its guesses").isEmpty();
        }
        assertThat(asked).hasValue(0);

        try (SSLSocket socket = tls(InetAddress.getByName("127.0.0.2"))) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEqualTo("RFB 003.008\n");
        }
    }

    @Test
    void anAdministratorsNameFromTheServerCannotForgeLogLines() throws Exception {
        listen(vncGreeting("RFB 003.008\n"));
        admin = "x\nFORGED admin";
        try (SSLSocket socket = tls()) {
            assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEqualTo("RFB 003.008\n");
        }

        // logged before the relay starts, so before the greeting reached the console
        assertThat(sessionLog.events()).flatMap(e -> e.getFormattedMessage().lines().toList())
                .anyMatch(l -> l.contains("FORGED admin")).noneMatch(l -> l.startsWith("FORGED"));
    }

    @Test
    void allClientsTogetherAskTheServerFewerTimesAMinuteThanItTakesBeforeClosingTheDevicesSocket() throws Exception {
        listen(vncGreeting("RFB 003.008\n"));
        for (String from : new String[] {"127.0.0.2", "127.0.0.3", "127.0.0.4"}) {
            for (int i = 0; i < SecureVncAdmission.CHECKS_PER_ADDRESS; i++) {
                try (SSLSocket socket = tls(InetAddress.getByName(from))) {
                    assertThat(answer(socket, "PROCYCMD PW_" + UUID.randomUUID())).isEmpty();
                }
            }
        }
        // the server closes a device's UP socket after 30 checks in a minute (DeviceBudget)
        assertThat(asked).hasValue(SecureVncAdmission.CHECKS_PER_MINUTE).hasValueLessThan(30);
    }

    @Test
    void oneAddressHoldingSilentConnectionsCannotKeepAnotherOut() throws Exception {
        listen(vncGreeting("RFB 003.008\n"), Duration.ofSeconds(20));
        Socket[] silent = new Socket[SecureVncAdmission.HANDSHAKES_PER_ADDRESS];
        try {
            for (int i = 0; i < silent.length; i++) {
                silent[i] = new Socket(InetAddress.getLoopbackAddress(), listener.port());
            }
            try (Socket onceMore = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
                onceMore.setSoTimeout(10_000);
                assertThat(readUntilClosedOr12(onceMore.getInputStream())).as("closed at accept").isEmpty();
            }
            try (SSLSocket socket = tls(InetAddress.getByName("127.0.0.2"))) {
                assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEqualTo("RFB 003.008\n");
            }
        } finally {
            for (Socket socket : silent) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        // their handshakes end with their connections, and the address is served again
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (SSLSocket socket = tls()) {
                assertThat(answer(socket, "PROCYCMD PW_" + GOOD)).isEqualTo("RFB 003.008\n");
            }
        });
    }
    /**
     * Closing the listener (the agent stopping) ends every connection it accepted: a thread reading a client's
     * password command cannot be interrupted, and closing cancelled the deadline that would have closed it, so a client
     * that had finished TLS and sent nothing kept its connection and a session thread for as long as it stayed; one
     * waiting for a place in the pool was never closed at all.
     */
    @Test
    void closingTheListenerEndsConnectionsStillWaitingForTheirPasswordOrForAPlace() throws Exception {
        listen(vncGreeting("RFB 003.008\n"), Duration.ofMinutes(5));
        java.util.List<Socket> clients = new java.util.ArrayList<>();
        try {
            for (String from : new String[] {"127.0.0.1", "127.0.0.2"}) {
                for (int i = 0; i < SecureVncAdmission.HANDSHAKES_PER_ADDRESS; i++) {
                    SSLSocket silent = tls(InetAddress.getByName(from));
                    clients.add(silent);
                    silent.startHandshake(); // a session thread took it: TLS is done, no command follows
                }
            }
            Socket waiting = new Socket(InetAddress.getLoopbackAddress(), listener.port(),
                    InetAddress.getByName("127.0.0.3"), 0);
            waiting.setSoTimeout(20_000);
            clients.add(waiting);
            // the system completes a connection before the listener accepts it: one still in the backlog when the
            // listener closes is reset by the system, which would pass without any queued connection being closed
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.waitingCount() == 1);

            listener.close();

            for (Socket client : clients) {
                assertThat(readUntilClosedOr12(client.getInputStream())).as("closed: %s", client).isEmpty();
            }
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
