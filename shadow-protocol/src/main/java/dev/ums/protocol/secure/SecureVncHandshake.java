package dev.ums.protocol.secure;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import dev.ums.protocol.tls.CertificatePinMismatch;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The client side of OS 11 secure VNC as the vendor documents it for API clients (docs/PROTOCOL.md, section 6):
 * TLS to the device that accepts exactly the certificate the server holds (DER equality; the handshake completes
 * before a byte is written, so a device presenting another certificate never sees the password), then
 * {@code PROCYCMD PW_<password>} without a line ending, then the device's VNC greeting or its close. Used by the
 * server for the web app's OS 11 sessions. Blocking; call it from a thread that may wait up to 45 s.
 */
public final class SecureVncHandshake {
    public static final String COMMAND_PREFIX = "PROCYCMD PW_";
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** The device checks the password with the server (15 s at most) and may then ask its user (20 s). */
    static final int ANSWER_TIMEOUT_MILLIS = 45_000;
    private static final int GREETING_LENGTH = 12;
    private static final Pattern GREETING = Pattern.compile("RFB \\d{3}\\.\\d{3}\n");

    private SecureVncHandshake() {
    }

    /** What went wrong, for the caller's status; the exception's message is the sentence. */
    public enum Failure { UNREACHABLE, CERTIFICATE_MISMATCH, TLS_FAILED, NO_ANSWER, REFUSED, NOT_RFB }

    /** A failed step, typed; its message is one sentence naming the device's place. */
    public static final class SecureVncException extends IOException {
        private final Failure failure;

        SecureVncException(Failure failure, String sentence, Throwable cause) {
            super(sentence, cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** TCP to {@code host:port} within 10 s; {@code address} names it in the sentence. */
    public static Socket connect(String host, int port, String address) throws SecureVncException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            plain.setTcpNoDelay(true);
            return plain;
        } catch (IOException e) {
            closeQuietly(plain);
            throw new SecureVncException(Failure.UNREACHABLE, "cannot connect to the device at " + address + " ("
                    + reason(e) + ")", e);
        }
    }

    /**
     * TLS over {@code plain} trusting only {@code certificate}; {@code device} names the device as a subject
     * ("the device at 10.0.0.7:5900") and {@code address} as a place. Closes {@code plain} on failure.
     */
    public static SSLSocket startTls(Socket plain, String host, int port, X509Certificate certificate, String device,
                                     String address) throws SecureVncException {
        try {
            SSLSocket socket = (SSLSocket) PinnedTrust.exactly(certificate).sslContext().getSocketFactory()
                    .createSocket(plain, host, port, true);
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            closeQuietly(plain);
            throw tlsFailure(device, address, e);
        }
    }

    /**
     * Sends the password and reads the device's answer; the stream then carries plain RFB, its greeting put
     * back in front. Closes {@code socket} on failure.
     */
    public static Endpoint sendPassword(SSLSocket socket, String device, String password) throws SecureVncException {
        try {
            OutputStream out = socket.getOutputStream();
            out.write((COMMAND_PREFIX + password).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            byte[] greeting;
            try {
                greeting = socket.getInputStream().readNBytes(GREETING_LENGTH);
            } catch (SocketTimeoutException e) {
                throw new SecureVncException(Failure.NO_ANSWER, device + " did not answer the session password within "
                        + ANSWER_TIMEOUT_MILLIS / 1000 + " s", e);
            } catch (IOException e) {
                throw refused(e);
            }
            if (greeting.length < GREETING_LENGTH) {
                throw refused(null);
            }
            if (!GREETING.matcher(new String(greeting, StandardCharsets.US_ASCII)).matches()) {
                throw new SecureVncException(Failure.NOT_RFB, device + " answered the session password with "
                        + "something other than an RFB greeting", null);
            }
            socket.setSoTimeout(0);
            return Endpoint.withInputPrefix(Endpoint.of(socket), greeting);
        } catch (SecureVncException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SecureVncException(Failure.TLS_FAILED, "the connection to " + device + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** The documented handshake has one way to say no (closing), so the sentence names the other causes too. */
    private static SecureVncException refused(IOException cause) {
        return new SecureVncException(Failure.REFUSED, "the device refused the session password (or its user "
                + "declined the session, or its VNC server is not running)", cause);
    }

    private static SecureVncException tlsFailure(String device, String address, IOException e) {
        var mismatch = CertificatePinMismatch.in(e);
        if (mismatch.isPresent()) {
            return new SecureVncException(Failure.CERTIFICATE_MISMATCH, "the device's certificate does not match "
                    + "the one the server holds (" + address + " presents " + mismatch.get().presented() + ")", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new SecureVncException(Failure.UNREACHABLE, device + " did not complete the TLS handshake", e);
        }
        String why = e instanceof SSLException ? e.getMessage() : reason(e);
        return new SecureVncException(Failure.TLS_FAILED, "the TLS handshake with " + device + " failed (" + why + ")", e);
    }

    private static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
