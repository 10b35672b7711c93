package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ums.console.gui.ImiSentences;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fetching the certificate a server presents before any pin exists, from a real TLS server and a stalling one. */
class PresentedCertificateTest {
    private static final int DEADLINE_MS = 3_000;

    @Test
    void theCertificateOfARealServerIsDescribed() throws Exception {
        try (FakeImiServer server = new FakeImiServer()) {
            PresentedCertificate certificate = PresentedCertificate.fetch(server.address());

            assertThat(certificate.fingerprint()).isEqualTo(server.fingerprint());
            assertThat(certificate.subject()).contains("fake-ums");
            assertThat(server.seen()).as("no request, no credentials").isEmpty();
        }
    }

    /**
     * Each byte arrives well within the socket's timeout of 10 s, so only a deadline for the whole fetch ends it: the
     * record announced is 16 KiB long, which at a byte every half second would take over two hours. The deadline is
     * 3 s here instead of the 20 s users get.
     */
    @Test
    void aServerSendingItsHandshakeAByteAtATimeIsGivenUpAfterTheDeadline() throws Exception {
        try (ServerSocket stalling = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread trickle = new Thread(() -> trickle(stalling), "trickling-server");
            trickle.setDaemon(true);
            trickle.start();
            ServerAddress address = new ServerAddress("127.0.0.1", stalling.getLocalPort());
            long started = System.nanoTime();

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
                    () -> PresentedCertificate.fetch(address, DEADLINE_MS))
                    .isInstanceOfSatisfying(ImiException.class,
                            e -> assertThat(e.reason()).isEqualTo(ImiException.Reason.ANSWER_TIMED_OUT))
                    .extracting(ImiSentences::of, STRING)
                    .isEqualTo("the server at " + address + " did not answer in time"));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(DEADLINE_MS - 100));
        }
    }

    private static void trickle(ServerSocket listener) {
        try (Socket client = listener.accept()) {
            OutputStream out = client.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});    // a handshake record of 16 KiB
            while (true) {
                Thread.sleep(500);
                out.write(0);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up
        }
    }
}
