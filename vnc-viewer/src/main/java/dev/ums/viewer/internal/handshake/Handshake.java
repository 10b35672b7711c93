package dev.ums.viewer.internal.handshake;

import dev.ums.protocol.log.PeerText;
import dev.ums.rfb.ClientInit;
import dev.ums.rfb.ClientMessage;
import dev.ums.rfb.ProtocolVersion;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.SecurityResult;
import dev.ums.rfb.SecurityType;
import dev.ums.rfb.SecurityTypes;
import dev.ums.rfb.ServerInit;
import dev.ums.rfb.VeNCrypt;
import dev.ums.viewer.VncAuthenticationException;
import dev.ums.viewer.VncCertificateException;
import dev.ums.viewer.VncClearTextNotAllowedException;
import dev.ums.viewer.VncCredentials;
import dev.ums.viewer.VncCredentialsPrompt;
import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncServerCertificate;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.internal.tls.TlsUpgrade;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the RFB opening: version, security (VeNCrypt, None or VNC authentication), ClientInit and
 * ServerInit. Called once, on the session's reader thread, before any other message flows. VeNCrypt's TLS kinds
 * switch the {@link Transport} to TLS halfway; everything after it then travels protected. The prompts it asks (the
 * credentials, a certificate check) are bracketed by a {@link UserWait}.
 */
public final class Handshake {
    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);

    /**
     * TigerVNC's order of preference: protected first, then the one that sends a password in the clear (Plain), which
     * is chosen only where the settings allow clear-text passwords (TigerVNC's viewer leaves it out by default too).
     */
    private static final List<Integer> SUBTYPES_PREFERRED = List.of(VeNCrypt.X509_PLAIN, VeNCrypt.TLS_PLAIN,
            VeNCrypt.X509_VNC, VeNCrypt.TLS_VNC, VeNCrypt.X509_NONE, VeNCrypt.TLS_NONE, VeNCrypt.PLAIN);

    /** The characters of a server's refusal reason a sentence quotes (the server may send 64 KiB). */
    public static final int SHOWN_REASON = 200;

    private final RfbInput in;
    private final OutputStream out;
    private final Transport transport;
    private final VncSettings settings;
    private final UserWait userWait;
    private ProtocolVersion version;
    private String security = "";
    /** Whether only VeNCrypt's X509 kinds will do (the trust has a certificate for this server); asked once. */
    private boolean certificateRequired;

    public Handshake(RfbInput in, Transport transport, VncSettings settings) {
        this(in, transport, settings, UserWait.NONE);
    }

    public Handshake(RfbInput in, Transport transport, VncSettings settings, UserWait userWait) {
        this.in = in;
        this.out = transport.out();
        this.transport = transport;
        this.settings = settings;
        this.userWait = userWait;
    }

    /**
     * Runs the opening and returns the server's ServerInit. {@code withClientInit} go out with ClientInit, in one
     * flush, before ServerInit is read: the server reads them right after it sends ServerInit.
     */
    public ServerInit perform(ClientMessage... withClientInit) throws IOException {
        version = negotiate(in.bytes(ProtocolVersion.GREETING_LENGTH));
        out.write(version.greeting());
        out.flush();
        LOG.debug("speaking {}", version);
        certificateRequired = certificateRequired();
        int type = chooseSecurityType(SecurityTypes.decode(in, version));
        boolean authenticated = false;
        boolean plain = false;
        if (type == SecurityType.VNC_AUTHENTICATION) {
            security = "VncAuth";
            authenticate();
            authenticated = true;
        } else if (type == SecurityType.VENCRYPT) {
            int subtype = veNCrypt();
            security = VeNCrypt.name(subtype);
            if (VeNCrypt.endsWithVncAuthentication(subtype)) {
                authenticate();
                authenticated = true;
            } else if (VeNCrypt.endsWithPlain(subtype)) {
                sendPlainCredentials();
                authenticated = true;
                plain = true;
            }
        } else {
            security = "None";
        }
        if (authenticated || version == ProtocolVersion.V3_8) {
            readSecurityResult(authenticated, plain);
        }
        out.write(new ClientInit(settings.shared()).encode());
        for (ClientMessage message : withClientInit) {
            out.write(message.encode());
        }
        out.flush();
        return ServerInit.decode(in);
    }

    /** The version agreed on, once {@link #perform()} has read the greeting. */
    public ProtocolVersion version() {
        return version;
    }

    /** Our answer to the server's greeting. */
    private static ProtocolVersion negotiate(byte[] greeting) throws VncProtocolException {
        ProtocolVersion.Announced announced = ProtocolVersion.Announced.parse(greeting).orElseThrow(
                () -> new VncProtocolException("The peer is not a VNC server (it did not send an RFB greeting)."));
        if (announced.major() < 3) {
            throw new VncProtocolException("The VNC server speaks protocol version " + announced + ", which is too old.");
        }
        return ProtocolVersion.closestTo(announced);
    }

    /** The security type in use, as TigerVNC names it ("None", "VncAuth", "X509Vnc", ...), once agreed. */
    public String security() {
        return security;
    }

    /** VeNCrypt if offered (it protects the connection), else None, else VNC authentication; from 3.7 on the choice is sent. */
    private int chooseSecurityType(SecurityTypes offer) throws IOException {
        if (offer.isRefusal()) {
            throw new VncProtocolException("The VNC server refused the connection: " + shown(offer.refusal()));
        }
        List<Integer> offered = offer.types();
        if (certificateRequired && !offered.contains(SecurityType.VENCRYPT)) {
            throw withoutCertificate(offered.stream().map(Handshake::securityTypeName).toList(),
                    settings.certificateTrust().whyRequired());
        }
        int chosen = offered.contains(SecurityType.VENCRYPT) ? SecurityType.VENCRYPT
                : offered.contains(SecurityType.NONE) ? SecurityType.NONE
                : offered.contains(SecurityType.VNC_AUTHENTICATION) ? SecurityType.VNC_AUTHENTICATION : -1;
        if (chosen < 0) {
            throw new VncProtocolException("The VNC server requires a security type this viewer does not support "
                    + "(offered: " + offered + "; supported: 1 None, 2 VNC authentication, 19 VeNCrypt).");
        }
        if (version != ProtocolVersion.V3_3) {
            out.write(chosen);
            out.flush();
        }
        return chosen;
    }

    /** VeNCrypt 0.2: agrees the version, chooses a subtype and, for the TLS kinds, switches to TLS. */
    private int veNCrypt() throws IOException {
        int major = in.u8();
        int minor = in.u8();
        if (major < VeNCrypt.MAJOR || major == VeNCrypt.MAJOR && minor < VeNCrypt.MINOR) {
            throw new VncProtocolException("The VNC server speaks VeNCrypt " + major + "." + minor
                    + ", which is too old (0.2 is needed).");
        }
        out.write(VeNCrypt.version(VeNCrypt.MAJOR, VeNCrypt.MINOR));
        out.flush();
        if (in.u8() != 0) {
            throw new VncProtocolException("The VNC server refused VeNCrypt version 0.2.");
        }
        List<Integer> offered = VeNCrypt.readSubtypes(in);
        if (certificateRequired && offered.stream().noneMatch(VeNCrypt::usesCertificate)) {
            throw withoutCertificate(offered.stream().map(VeNCrypt::name).toList(),
                    settings.certificateTrust().whyRequired());
        }
        int chosen = SUBTYPES_PREFERRED.stream().filter(offered::contains)
                .filter(subtype -> subtype != VeNCrypt.PLAIN || settings.clearTextPasswords())
                .filter(subtype -> !certificateRequired || VeNCrypt.usesCertificate(subtype)).findFirst().orElseThrow(
                () -> offered.contains(VeNCrypt.PLAIN) && !settings.clearTextPasswords()
                        ? new VncClearTextNotAllowedException()
                        : new VncProtocolException("The VNC server requires a VeNCrypt kind this viewer does not "
                                + "support (offered: " + offered.stream().map(VeNCrypt::name).toList() + ")."));
        LOG.debug("VeNCrypt: offered {}, chose {}", offered, VeNCrypt.name(chosen));
        out.write(VeNCrypt.choice(chosen));
        out.flush();
        if (VeNCrypt.usesTls(chosen)) {
            if (in.u8() != VeNCrypt.TLS_ACCEPTED) {
                throw new VncProtocolException("The VNC server refused to start TLS (" + VeNCrypt.name(chosen) + ").");
            }
            TlsUpgrade.Streams tls = TlsUpgrade.connect(transport.connectionIn(), transport.connectionOut(),
                    VeNCrypt.usesCertificate(chosen) ? this::verifyCertificate : null);
            transport.switchTo(tls.in(), tls.out());
        }
        return chosen;
    }

    /**
     * Asked before the security types are read. A store of known certificates that cannot be read ends the session:
     * whether this server showed a certificate before is then unknown, and going on without one could be a downgrade.
     */
    private boolean certificateRequired() throws VncProtocolException {
        try {
            return settings.certificateTrust().certificateRequired();
        } catch (UncheckedIOException e) {
            throw new VncProtocolException(e.getMessage(), e);
        }
    }

    /**
     * The server offers no kind that shows its certificate, though the trust has one for it: a man in the middle,
     * who cannot show it, would offer exactly that, so nothing (no password above all) is sent.
     */
    private static VncCertificateException withoutCertificate(List<String> offered, String whyRequired) {
        return new VncCertificateException(VncCertificateException.Kind.NOT_OFFERED, null, "The VNC server offered "
                + "only connections without its certificate (" + String.join(", ", offered) + "), though "
                + whyRequired + ", so nothing was sent to what may be an impostor.");
    }

    private static String securityTypeName(int type) {
        return switch (type) {
            case SecurityType.NONE -> "None";
            case SecurityType.VNC_AUTHENTICATION -> "VncAuth";
            default -> "security type " + type;
        };
    }

    /** The settings' trust decides; it may ask the user whether to trust a changed certificate. */
    private void verifyCertificate(VncServerCertificate certificate) throws VncCertificateException {
        userWait.began();
        try {
            settings.certificateTrust().verify(certificate);
        } finally {
            userWait.ended();
        }
    }

    private VncCredentials ask(boolean usernameNeeded) throws VncAuthenticationException {
        VncCredentials credentials;
        userWait.began();
        try {
            credentials = settings.credentials().ask(
                    new VncCredentialsPrompt.Request(usernameNeeded, settings.username(), false));
        } finally {
            userWait.ended();
        }
        if (credentials == null) {
            throw new VncAuthenticationException("The VNC server asks for a password, but none was given.");
        }
        return credentials;
    }

    private void authenticate() throws IOException {
        byte[] challenge = in.bytes(SecurityType.CHALLENGE_LENGTH);
        char[] password = ask(false).password();
        try {
            out.write(VncAuthentication.response(challenge, password));
            out.flush();
        } catch (GeneralSecurityException e) {
            throw new VncProtocolException("This Java runtime cannot perform VNC authentication (DES missing).", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void sendPlainCredentials() throws IOException {
        VncCredentials credentials = ask(true);
        String user = credentials.username().isEmpty() ? settings.username() : credentials.username();
        byte[] message = VeNCrypt.plainCredentials(user, credentials.password());
        Arrays.fill(credentials.password(), '\0');
        try {
            out.write(message);
            out.flush();
        } finally {
            Arrays.fill(message, (byte) 0);
        }
    }

    private void readSecurityResult(boolean authenticated, boolean plain) throws IOException {
        SecurityResult result = SecurityResult.decode(in, version);
        if (result.ok()) {
            return;
        }
        String reason = result.reason();
        if (authenticated) {
            throw new VncAuthenticationException("The VNC server rejected the " + (plain ? "user name or " : "")
                    + "password" + (reason.isBlank() ? "." : ": " + shown(reason)));
        }
        throw new VncProtocolException("The VNC server refused the connection"
                + (reason.isBlank() ? "." : ": " + shown(reason)));
    }

    /** A reason the server wrote, as a sentence quotes it: one line, at most {@value #SHOWN_REASON} characters. */
    private static String shown(String reason) {
        return PeerText.of(reason.strip(), SHOWN_REASON);
    }
}
