package dev.ums.console.core;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A failure of the console's work with the server, as typed facts: its {@link Reason} (exactly what went wrong),
 * the coarser {@link Kind} a screen reacts to (for example, show the login form again after wrong credentials), and
 * what a sentence about it names (the server, the HTTP status, a device, the server's own refusal text, a presented
 * fingerprint). The user's sentence is made at the edge, by {@code dev.ums.console.gui.ImiFailureSentence};
 * {@link #getMessage()} is for logs. Immutable; any thread.
 */
public final class ImiException extends IOException {
    /** What went wrong, coarsely, for callers that react differently to different failures. */
    public enum Kind {
        /** The server rejected the user name or password. */
        WRONG_CREDENTIALS,
        /** No TCP or TLS connection to the server could be made, or it did not answer. */
        UNREACHABLE,
        /** The server (or tunnel endpoint) presented a certificate other than the pinned one. */
        CERTIFICATE_MISMATCH,
        /** The device or directory asked for does not exist or the name is ambiguous. */
        NOT_FOUND,
        /** The server refused the request with a sentence of its own (offline, declined, not allowed, …). */
        REFUSED,
        /** The server is not logged in to, or the session expired. */
        NOT_LOGGED_IN,
        /** The server answered something this console cannot read. */
        PROTOCOL,
        /** The tunnel to the device could not be opened or broke. */
        TUNNEL,
        /** This computer's disk cannot take what the server sent: too little free space, or a write failed. */
        LOCAL_DISK
    }

    /**
     * Exactly what went wrong, one sentence each at the edge, and the {@link Kind} it belongs to. "The server" is
     * {@link #server()}, "the detail" {@link #detail()}, "the subject" {@link #subject()}.
     */
    public enum Reason {
        /** The server presented another certificate than the pinned one: {@link #presentedFingerprint()}. */
        SERVER_CERTIFICATE_MISMATCH(Kind.CERTIFICATE_MISMATCH),
        /** No connection to the server: refused, no route, or a host name that does not resolve. */
        SERVER_UNREACHABLE(Kind.UNREACHABLE),
        /** The connection attempt got no answer in time. */
        CONNECT_TIMED_OUT(Kind.UNREACHABLE),
        /** Connected, but the answer did not arrive in time. */
        ANSWER_TIMED_OUT(Kind.UNREACHABLE),
        /** The TLS handshake failed; the detail is TLS's reason. */
        TLS_FAILED(Kind.UNREACHABLE),
        /** The connection failed otherwise; the detail is the failure's own text. */
        CONNECTION_FAILED(Kind.UNREACHABLE),
        /** The waiting thread was interrupted. */
        INTERRUPTED(Kind.UNREACHABLE),
        /** The server completed a TLS handshake without a certificate. */
        NO_CERTIFICATE_PRESENTED(Kind.UNREACHABLE),
        /** The login was refused (401). */
        WRONG_CREDENTIALS(Kind.WRONG_CREDENTIALS),
        /** A call needs a login, or the login expired (401). */
        NOT_LOGGED_IN(Kind.NOT_LOGGED_IN),
        /** The server refused with a sentence of its own: the detail. */
        SERVER_REFUSED(Kind.REFUSED),
        /** The server answered 404 with a sentence of its own: the detail. */
        SERVER_NOT_FOUND(Kind.NOT_FOUND),
        /** The server answered an error status without a sentence. */
        HTTP_ERROR(Kind.REFUSED),
        /** The server answered 404 without a sentence. */
        HTTP_NOT_FOUND(Kind.NOT_FOUND),
        /** The answer is longer than {@link ImiClient#MAX_ANSWER_BYTES}. */
        ANSWER_TOO_LARGE(Kind.PROTOCOL),
        /**
         * A recording larger than the console downloads, declared so or found so while it arrived: the subject is
         * that limit as text ({@code 4 GiB}), the detail what the server declared or sent.
         */
        RECORDING_TOO_LARGE(Kind.PROTOCOL),
        /** A recording sent without a length (neither {@code Content-Length} nor chunks), so a cut could not show. */
        RECORDING_WITHOUT_LENGTH(Kind.PROTOCOL),
        /** A recording whose bytes differ in number from its {@code Content-Length}: the detail says both. */
        RECORDING_LENGTH_MISMATCH(Kind.PROTOCOL),
        /**
         * The connection broke while a recording arrived: the subject says how far ({@code 300 KiB of 1 MiB}), the
         * detail is the lower layer's reason.
         */
        RECORDING_CUT_OFF(Kind.UNREACHABLE),
        /** The recording would leave less free disk space than the console keeps; the subject is the folder. */
        NOT_ENOUGH_DISK_SPACE(Kind.LOCAL_DISK),
        /** The recording could not be written to the subject (a folder or file); the detail is the disk's reason. */
        RECORDING_NOT_WRITTEN(Kind.LOCAL_DISK),
        /** A successful answer without a value. */
        EMPTY_ANSWER(Kind.PROTOCOL),
        /** A successful answer that is not the expected JSON; the detail is the parser's reason. */
        UNREADABLE_ANSWER(Kind.PROTOCOL),
        /** The server started a shadow session without naming its tunnel or token. */
        NO_TUNNEL_IN_SESSION(Kind.PROTOCOL),
        /** The user named no device. */
        NO_DEVICE_GIVEN(Kind.NOT_FOUND),
        /** No device has the id or name the user gave: the subject. */
        NO_DEVICE_NAMED(Kind.NOT_FOUND),
        /** Several devices have the name the user gave (the subject): {@link #deviceIds()}. */
        AMBIGUOUS_DEVICE_NAME(Kind.NOT_FOUND),
        /** The tunnel (the subject: its address) could not be opened; the detail, if any, is the tunnel's words. */
        TUNNEL_NOT_OPENED(Kind.TUNNEL),
        /** The tunnel's endpoint presented another certificate; the detail is the tunnel's own description. */
        TUNNEL_CERTIFICATE_MISMATCH(Kind.CERTIFICATE_MISMATCH),
        /** The server named a tunnel fingerprint (the subject) that is not one. */
        MALFORMED_TUNNEL_FINGERPRINT(Kind.PROTOCOL),
        /** The server named a tunnel address (the subject) that is not TLS-protected. */
        TUNNEL_NOT_TLS(Kind.PROTOCOL),
        /** The server named a tunnel address (the subject) that is not an address. */
        MALFORMED_TUNNEL_ADDRESS(Kind.PROTOCOL),
        /** A view-only session was asked of an OS 11 device, whose handshake cannot carry it. */
        VIEW_ONLY_NOT_POSSIBLE(Kind.REFUSED),
        /** The server's answer for an OS 11 device carried no shadow secret. */
        NO_SHADOW_SECRET(Kind.PROTOCOL),
        /** The server holds no certificate for the OS 11 device. */
        NO_DEVICE_CERTIFICATE(Kind.REFUSED),
        /** The certificate the server holds for the OS 11 device cannot be decoded. */
        UNREADABLE_DEVICE_CERTIFICATE(Kind.PROTOCOL),
        /** The server sent no one-time password for the device (the subject: its name and id). */
        NO_SESSION_PASSWORD(Kind.PROTOCOL),
        /** The server knows no address for the device (the subject: its name and id). */
        NO_DEVICE_ADDRESS(Kind.UNREACHABLE),
        /** The gateway's tunnel to the device (the subject: its name and id) could not carry a socket. */
        GATEWAY_TUNNEL_UNUSABLE(Kind.TUNNEL),
        /** The TLS connection to the device at the address (the subject) failed; the detail is why. */
        DEVICE_CONNECTION_FAILED(Kind.TUNNEL),
        /** The TLS connection to the device behind the gateway (the subject: its address) failed. */
        GATEWAY_DEVICE_CONNECTION_FAILED(Kind.TUNNEL),
        /** The secure VNC handshake could not reach the device; the detail is the handshake's description. */
        DEVICE_UNREACHABLE(Kind.UNREACHABLE),
        /** The device presented another certificate than the server holds; the detail describes it. */
        DEVICE_CERTIFICATE_MISMATCH(Kind.CERTIFICATE_MISMATCH),
        /** The device refused the session password; the detail is the handshake's description. */
        DEVICE_REFUSED(Kind.REFUSED),
        /** The device answered the password with something other than VNC; the detail describes it. */
        DEVICE_NOT_VNC(Kind.PROTOCOL),
        /** The secure VNC handshake failed otherwise (TLS, no answer); the detail describes it. */
        DEVICE_HANDSHAKE_FAILED(Kind.TUNNEL);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final Reason reason;
    private final transient ServerAddress server;
    private final int status;
    private final String subject;
    private final String detail;
    private final String presentedFingerprint;
    private final List<String> deviceIds;

    private ImiException(Reason reason, ServerAddress server, int status, String subject, String detail,
                         String presentedFingerprint, List<String> deviceIds, Throwable cause) {
        super(detail != null ? detail : facts(reason, server, status, subject, presentedFingerprint, deviceIds), cause);
        this.reason = reason;
        this.server = server;
        this.status = status;
        this.subject = subject;
        this.detail = detail;
        this.presentedFingerprint = presentedFingerprint;
        this.deviceIds = List.copyOf(deviceIds);
    }

    /** A failure that names nothing but its reason. */
    public static ImiException of(Reason reason, Throwable cause) {
        return new ImiException(reason, null, 0, null, null, null, List.of(), cause);
    }

    /**
     * A failure in the work with {@code server}: {@code status} is its HTTP answer (0 before one arrived),
     * {@code detail} the server's own sentence or a lower layer's reason, or null.
     */
    public static ImiException atServer(Reason reason, ServerAddress server, int status, String detail,
                                        Throwable cause) {
        return new ImiException(reason, server, status, null, detail, null, List.of(), cause);
    }

    /** A failure in the work with {@code server} about {@code subject}, as {@link Reason} says what it names. */
    public static ImiException atServerAbout(Reason reason, ServerAddress server, int status, String subject,
                                             String detail, Throwable cause) {
        return new ImiException(reason, server, status, subject, detail, null, List.of(), cause);
    }

    /** A failure about {@code subject} (a device, an address, a tunnel); {@code detail} is a lower layer's reason. */
    public static ImiException about(Reason reason, String subject, String detail, Throwable cause) {
        return new ImiException(reason, null, 0, subject, detail, null, List.of(), cause);
    }

    /** {@code server} presented the certificate with SHA-256 {@code presented}, not the pinned one. */
    public static ImiException serverCertificateMismatch(ServerAddress server, String presented, Throwable cause) {
        return new ImiException(Reason.SERVER_CERTIFICATE_MISMATCH, server, 0, null, null, presented, List.of(),
                cause);
    }

    /** A tunnel endpoint presented the certificate {@code presented}; {@code detail} is the tunnel's description. */
    public static ImiException tunnelCertificateMismatch(String presented, String detail, Throwable cause) {
        return new ImiException(Reason.TUNNEL_CERTIFICATE_MISMATCH, null, 0, null, detail, presented, List.of(),
                cause);
    }

    /** The devices with ids {@code ids} all have the name {@code name}. */
    public static ImiException ambiguousDevice(String name, List<String> ids) {
        return new ImiException(Reason.AMBIGUOUS_DEVICE_NAME, null, 0, name, null, null, ids, null);
    }

    public Reason reason() {
        return reason;
    }

    public Kind kind() {
        return reason.kind();
    }

    /** The server the failure happened with, or null when it is about something else. */
    public ServerAddress server() {
        return server;
    }

    /** The HTTP status the server answered with, or 0 when the failure happened before an answer. */
    public int status() {
        return status;
    }

    /** What the failure is about, where its {@link Reason} says: a device, an address, a tunnel; else null. */
    public String subject() {
        return subject;
    }

    /** The server's own sentence, or a lower layer's description or reason, where the {@link Reason} has one. */
    public String detail() {
        return detail;
    }

    /** For a certificate mismatch, the SHA-256 fingerprint of the certificate the peer presented. */
    public Optional<String> presentedFingerprint() {
        return Optional.ofNullable(presentedFingerprint);
    }

    /** For {@link Reason#AMBIGUOUS_DEVICE_NAME}, the ids of the devices that share the name; else empty. */
    public List<String> deviceIds() {
        return deviceIds;
    }

    /**
     * For logs: the reason and its facts, followed by the detail (the server's or a lower layer's words). The
     * message alone is the detail where there is one, else the reason and its facts.
     */
    @Override
    public String toString() {
        String facts = facts(reason, server, status, subject, presentedFingerprint, deviceIds);
        return getClass().getName() + ": " + (detail == null ? facts : facts + ": " + detail);
    }

    private static String facts(Reason reason, ServerAddress server, int status, String subject, String presented,
                                List<String> deviceIds) {
        StringBuilder text = new StringBuilder(reason.name());
        if (server != null) {
            text.append(" server=").append(server);
        }
        if (status != 0) {
            text.append(" status=").append(status);
        }
        if (subject != null) {
            text.append(" subject=").append(subject);
        }
        if (presented != null) {
            text.append(" presented=").append(presented);
        }
        if (!deviceIds.isEmpty()) {
            text.append(" ids=").append(deviceIds);
        }
        return text.toString();
    }
}
