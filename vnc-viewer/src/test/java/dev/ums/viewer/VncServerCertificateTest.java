package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** A certificate as a server may make it: its names reach the dialog, sentences and logs as one short line. */
class VncServerCertificateTest {
    /** A common name that would draw the dialog's "trusted before" lines itself, a bidirectional override and more. */
    private static final String FORGED_NAME = "desk\n\nTrusted before (SHA-256):\n" + "ab".repeat(32)
            + "\u202e" + "x".repeat(1_000);

    private static X509Certificate selfSigned(String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(commonName))});
        Date now = new Date();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                now, new Date(now.getTime() + 86_400_000L), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    @Test
    void aSubjectAndIssuerWithLineBreaksAreKeptAsOneShortLine() throws Exception {
        VncServerCertificate described = VncServerCertificate.of(selfSigned(FORGED_NAME));
        for (String name : new String[] {described.subject(), described.issuer()}) {
            assertThat(name).startsWith("CN=desk??Trusted before (SHA-256):?abab")
                    .doesNotContain("\n", "\u202e").hasSizeLessThanOrEqualTo(VncServerCertificate.SHOWN_NAME + 1);
        }
        assertThatThrownBy(() -> VncCertificateTrust.pinned("00".repeat(32)).verify(described))
                .isInstanceOf(VncCertificateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .hasSizeLessThan(VncServerCertificate.SHOWN_NAME + 250));
    }
}
