package dev.ums.viewer.internal.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.RfbInput;
import dev.ums.rfb.ServerInit;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.VncAuthenticationException;
import dev.ums.viewer.VncCertificateException;
import dev.ums.viewer.VncClearTextNotAllowedException;
import dev.ums.viewer.VncCertificateTrust;
import dev.ums.viewer.VncKnownCertificates;
import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version, security and init exchanges for RFB 3.3, 3.7 and 3.8, from annotated bytes. */
class HandshakeTest {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    private static Bytes serverInit(Bytes b) {
        return b.u16(640, 480)                       // framebuffer size
                .u8(32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0)   // pixel format
                .s32(4).ascii("desk");               // name
    }

    private ServerInit run(Bytes server, VncSettings settings) throws IOException {
        Transport transport = new Transport(new ByteArrayInputStream(server.toArray()), sent);
        return new Handshake(new RfbInput(transport.in()), transport, settings).perform();
    }

    @Test
    void version33WithNone() throws Exception {
        Bytes server = serverInit(new Bytes().ascii("RFB 003.003\n").s32(1));   // security type decided by server
        ServerInit init = run(server, VncSettings.defaults());
        assertThat(init.width()).isEqualTo(640);
        assertThat(init.name()).isEqualTo("desk");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.003\n").u8(1).toArray());   // shared
    }

    @Test
    void version37WithNoneHasNoSecurityResult() throws Exception {
        Bytes server = serverInit(new Bytes().ascii("RFB 003.007\n").u8(2, 2, 1));   // offers VncAuth, None
        assertThat(run(server, VncSettings.defaults()).height()).isEqualTo(480);
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.007\n").u8(1).u8(1).toArray());
    }

    @Test
    void version38WithNoneReadsSecurityResult() throws Exception {
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(1, 1).s32(0));
        assertThat(run(server, VncSettings.defaults()).name()).isEqualTo("desk");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n").u8(1).u8(1).toArray());
    }

    @Test
    void newerServerGetsVersion38() throws Exception {
        Bytes server = serverInit(new Bytes().ascii("RFB 003.889\n").u8(1, 1).s32(0));
        run(server, VncSettings.defaults());
        assertThat(new String(sent.toByteArray(), 0, 12)).isEqualTo("RFB 003.008\n");
    }

    @Test
    void vncAuthenticationEncryptsChallengeWithMirroredKey() throws Exception {
        byte[] challenge = new byte[16];
        for (int i = 0; i < 16; i++) {
            challenge[i] = (byte) (i * 17);
        }
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(1, 2).raw(challenge).s32(0));
        run(server, VncSettings.builder().password("secret".toCharArray()).build());
        byte[] out = sent.toByteArray();
        byte[] response = java.util.Arrays.copyOfRange(out, 13, 29);
        // 's' = 0x73 = 01110011 mirrored is 11001110 = 0xce, and so on; missing bytes are zero.
        byte[] key = {(byte) 0xce, (byte) 0xa6, (byte) 0xc6, (byte) 0x4e, (byte) 0xa6, (byte) 0x2e, 0, 0};
        Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
        des.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "DES"));
        assertThat(des.doFinal(response)).isEqualTo(challenge);
        assertThat(out[12]).isEqualTo((byte) 2);   // chose VNC authentication
    }

    @Test
    void wrongPasswordGivesTheServersReason() {
        Bytes server = new Bytes().ascii("RFB 003.008\n").u8(1, 2).raw(new byte[16])
                .s32(1).s32(21).ascii("Authentication failed");
        assertThatThrownBy(() -> run(server, VncSettings.builder().password("x".toCharArray()).build()))
                .isInstanceOf(VncAuthenticationException.class)
                .hasMessage("The VNC server rejected the password: Authentication failed");
    }

    @Test
    void missingPasswordIsAClearError() {
        Bytes server = new Bytes().ascii("RFB 003.008\n").u8(1, 2).raw(new byte[16]);
        assertThatThrownBy(() -> run(server, VncSettings.defaults()))
                .isInstanceOf(VncAuthenticationException.class).hasMessageContaining("none was given");
    }

    @Test
    void refusalReasonIsShown() {
        Bytes v37 = new Bytes().ascii("RFB 003.007\n").u8(0).s32(14).ascii("Too many tries");
        assertThatThrownBy(() -> run(v37, VncSettings.defaults()))
                .isInstanceOf(VncProtocolException.class).hasMessage("The VNC server refused the connection: Too many tries");
        Bytes v33 = new Bytes().ascii("RFB 003.003\n").s32(0).s32(4).ascii("busy");
        assertThatThrownBy(() -> run(v33, VncSettings.defaults()))
                .hasMessage("The VNC server refused the connection: busy");
    }

    @Test
    void unsupportedSecurityTypeIsNamed() {
        Bytes server = new Bytes().ascii("RFB 003.008\n").u8(2, 18, 30);   // TLS (Vino), Apple DH
        assertThatThrownBy(() -> run(server, VncSettings.defaults()))
                .isInstanceOf(VncProtocolException.class)
                .hasMessageContaining("security type this viewer does not support")
                .hasMessageContaining("[18, 30]");
    }

    @Test
    void veNCryptPlainSendsUserAndPasswordAfterThePreferredChoice() throws Exception {
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(2, 1, 19)   // None, VeNCrypt
                .u8(0, 2)                              // VeNCrypt 0.2
                .u8(0)                                 // version accepted
                .u8(1).s32(256)                        // one subtype: Plain
                .s32(0));                              // SecurityResult OK
        VncSettings settings = VncSettings.builder().username("anna").password("pw".toCharArray())
                .clearTextPasswords(true).build();
        run(server, settings);
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n")
                .u8(19)                                // VeNCrypt preferred over None
                .u8(0, 2)                              // our version
                .s32(256)                              // Plain
                .s32(4).s32(2).ascii("anna").ascii("pw")
                .u8(1).toArray());                     // ClientInit, shared
    }

    @Test
    void veNCryptWithoutAKnownSubtypeNamesTheOffer() {
        Bytes server = new Bytes().ascii("RFB 003.008\n").u8(1, 19).u8(0, 2).u8(0).u8(1).s32(5);
        assertThatThrownBy(() -> run(server, VncSettings.defaults()))
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The VNC server requires a VeNCrypt kind this viewer does not support (offered: [5]).");
    }

    @Test
    void veNCryptPlainRejectionNamesBoth() {
        Bytes server = new Bytes().ascii("RFB 003.008\n").u8(1, 19).u8(0, 2).u8(0).u8(1).s32(256)
                .s32(1).s32(6).ascii("Denied");
        assertThatThrownBy(() -> run(server, VncSettings.builder().password("x".toCharArray())
                .clearTextPasswords(true).build()))
                .isInstanceOf(VncAuthenticationException.class)
                .hasMessage("The VNC server rejected the user name or password: Denied");
    }

    @Test
    void veNCryptPlainIsRefusedWithoutLeaveForClearTextPasswordsAndNothingIsSent() {
        // as TigerVNC's viewer by default: a man in the middle who offers only Plain gets no password
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(1, 19).u8(0, 2).u8(0).u8(1).s32(256)
                .s32(0));
        assertThatThrownBy(() -> run(server, VncSettings.builder().username("anna").password("pw".toCharArray())
                .build()))
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The VNC server asks for a user name and password in clear text (VeNCrypt Plain), which "
                        + "anyone on the network could read; they are sent only where clear-text passwords are "
                        + "allowed.");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n").u8(19).u8(0, 2).toArray());
    }

    private static final String PIN = "ab".repeat(32);

    private static VncSettings pinned() {
        return VncSettings.builder().username("anna").password("pw".toCharArray())
                .certificateTrust(VncCertificateTrust.pinned(PIN)).build();
    }

    private void assertRefusedWithoutCertificate(Bytes server, VncSettings settings, String offered) {
        assertRefusedWithoutCertificate(server, settings, offered, "its certificate is pinned");
    }

    private void assertRefusedWithoutCertificate(Bytes server, VncSettings settings, String offered, String why) {
        assertThatThrownBy(() -> run(server, settings))
                .isInstanceOfSatisfying(VncCertificateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VncCertificateException.Kind.NOT_OFFERED);
                    assertThat(e.certificate()).isNull();
                })
                .hasMessage("The VNC server offered only connections without its certificate (" + offered + "), "
                        + "though " + why + ", so nothing was sent to what may be an impostor.");
    }

    @Test
    void withAPinnedCertificateAVeNCryptOfferWithoutCertificateKindsGetsNoPassword() {
        // A man in the middle rewrites the subtypes to Plain: the old code sent the user name and password in clear.
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(1, 19)
                .u8(0, 2).u8(0)                        // VeNCrypt 0.2, accepted
                .u8(2).s32(259).s32(256)               // TLSPlain (anonymous), Plain
                .s32(0));                              // SecurityResult OK
        assertRefusedWithoutCertificate(server, pinned(), "TLSPlain, Plain");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n")
                .u8(19)                                // VeNCrypt
                .u8(0, 2)                              // our version; no choice, no credentials
                .toArray());
    }

    @Test
    void withAPinnedCertificateAnOfferWithoutVeNCryptIsRefusedBeforeChoosing() {
        // VeNCrypt stripped from the list: the old code chose None and went on unprotected.
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(2, 1, 2).s32(0));   // None, VncAuth
        assertRefusedWithoutCertificate(server, pinned(), "None, VncAuth");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n").toArray());
        sent.reset();
        Bytes v33 = serverInit(new Bytes().ascii("RFB 003.003\n").s32(2).raw(new byte[16]));   // imposes VncAuth
        assertRefusedWithoutCertificate(v33, pinned(), "VncAuth");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.003\n").toArray());
    }

    @Test
    void withAPinnedCertificateAnX509KindIsChosenOverAPreferredAnonymousOne() {
        // TLSPlain comes before X509Vnc in TigerVNC's order; with a pin only the kind with a certificate will do.
        Bytes server = new Bytes().ascii("RFB 003.008\n").u8(1, 19).u8(0, 2).u8(0)
                .u8(2).s32(259).s32(261)               // TLSPlain, X509Vnc
                .u8(0);                                // "no TLS after all": ends the exchange here
        assertThatThrownBy(() -> run(server, pinned()))
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The VNC server refused to start TLS (X509Vnc).");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n").u8(19).u8(0, 2)
                .s32(261)                              // X509Vnc chosen
                .toArray());
    }

    @Test
    void aCertificateTrustedOnFirstUseCannotBeBypassedByAnonymousTls() {
        VncKnownCertificates known = VncKnownCertificates.inMemory();
        known.remember("desk:5900", PIN);
        VncSettings settings = VncSettings.builder().password("pw".toCharArray()).certificateTrust(
                VncCertificateTrust.firstUse(known, "desk:5900", VncCertificateTrust.ChangeConfirmation.REFUSE)).build();
        Bytes server = new Bytes().ascii("RFB 003.008\n").u8(1, 19).u8(0, 2).u8(0)
                .u8(2).s32(258).s32(257)               // TLSVnc, TLSNone: both anonymous
                .u8(1);                                // "go ahead with TLS"
        assertRefusedWithoutCertificate(server, settings, "TLSVnc, TLSNone", "its certificate was trusted before "
                + "(remembered for desk:5900 in this program's memory: remove it there if the server was set up again "
                + "without one)");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n").u8(19).u8(0, 2).toArray());
    }

    @Test
    void aTrustThatDoesNotRequireACertificateLetsAServerSetUpAgainWithoutOneIn() throws Exception {
        // the console's sessions run inside its tunnel's TLS: a device set up again without a certificate still works
        VncKnownCertificates known = VncKnownCertificates.inMemory();
        known.remember("desk:5900", PIN);
        VncSettings settings = VncSettings.builder().certificateTrust(VncCertificateTrust.firstUse(known, "desk:5900",
                VncCertificateTrust.ChangeConfirmation.REFUSE).notRequired()).build();
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(1, 1).s32(0));   // None; SecurityResult OK
        run(server, settings);
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n").u8(1).u8(1).toArray());
    }

    @Test
    void aServerNotSeenBeforeMayStillOfferConnectionsWithoutCertificate() throws Exception {
        VncSettings settings = VncSettings.builder().certificateTrust(VncCertificateTrust.firstUse(
                VncKnownCertificates.inMemory(), "desk:5900", VncCertificateTrust.ChangeConfirmation.REFUSE)).build();
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(1, 1).s32(0));
        assertThat(run(server, settings).name()).isEqualTo("desk");
    }

    @Test
    void anUnreadableStoreOfKnownCertificatesEndsTheSessionWithItsSentence(@TempDir Path notAFile) {
        VncSettings settings = VncSettings.builder().certificateTrust(VncCertificateTrust.firstUse(
                VncKnownCertificates.inFile(notAFile), "desk:5900", VncCertificateTrust.ChangeConfirmation.REFUSE))
                .build();
        Bytes server = serverInit(new Bytes().ascii("RFB 003.008\n").u8(1, 1).s32(0));
        assertThatThrownBy(() -> run(server, settings))
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("Cannot read the known VNC certificates from " + notAFile + ".");
        assertThat(sent.toByteArray()).isEqualTo(new Bytes().ascii("RFB 003.008\n").toArray());
    }

    @Test
    void nonVncPeerIsRecognised() {
        Bytes server = new Bytes().ascii("HTTP/1.1 400");
        assertThatThrownBy(() -> run(server, VncSettings.defaults()))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("not a VNC server");
    }
}
