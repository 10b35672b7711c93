package dev.ums.protocol.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key pair and self-signed certificate kept in a data directory ({@code identity.p12}): created on first
 * use, reused afterwards, so the fingerprint users pin stays the same across restarts.
 */
public final class SelfSignedIdentity {
    /** Protects the in-memory key stores handed to TLS servers only; never a file. */
    static final char[] STORE_PASSWORD = "ums-identity".toCharArray();
    /** What key store files of earlier versions were encrypted with; read once to re-encrypt them. */
    private static final char[] LEGACY_FILE_PASSWORD = "ums-identity".toCharArray();
    private static final String ALIAS = "identity";
    private static final String FILE = "identity.p12";
    private static final String PASSWORD_FILE = "identity.password";

    private final PrivateKey key;
    private final X509Certificate certificate;

    private SelfSignedIdentity(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /**
     * Loads the identity from {@code dir}, or creates it. The key store is encrypted with a random password
     * kept next to it in {@code identity.password}; both files are readable by the owner only. A key store
     * from an older version (encrypted with a constant) is re-encrypted with a fresh random password.
     */
    public static SelfSignedIdentity loadOrCreate(Path dir, String commonName) throws IOException {
        Path file = dir.resolve(FILE);
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(file)) {
                char[] password = Files.exists(passwordFile) ? Files.readString(passwordFile).trim().toCharArray() : null;
                SelfSignedIdentity loaded = password == null ? null : tryLoad(file, password);
                if (loaded != null) {
                    return loaded;
                }
                loaded = tryLoad(file, LEGACY_FILE_PASSWORD);
                if (loaded == null) {
                    throw new IOException("cannot read the TLS identity in " + file + ": wrong password in "
                            + passwordFile);
                }
                save(dir, loaded);
                return loaded;
            }
            SelfSignedIdentity created = create(commonName);
            Files.createDirectories(dir);
            save(dir, created);
            return created;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read or create the TLS identity in " + file + ": " + e.getMessage(), e);
        }
    }

    private static SelfSignedIdentity tryLoad(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                return null;
            }
            throw e;
        }
        return new SelfSignedIdentity((PrivateKey) store.getKey(ALIAS, password),
                (X509Certificate) store.getCertificate(ALIAS));
    }

    /** Writes a new random password, then the key store encrypted with it, each owner-only and atomically. */
    private static void save(Path dir, SelfSignedIdentity identity) throws IOException, GeneralSecurityException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, identity.key, password, new Certificate[] {identity.certificate});
        Path storeTmp = ownerOnlyTemp(dir);
        try (OutputStream out = Files.newOutputStream(storeTmp)) {
            store.store(out, password);
        }
        Path passwordTmp = ownerOnlyTemp(dir);
        Files.writeString(passwordTmp, new String(password));
        // the password first: a crash between the moves leaves the old store, which the legacy password opens
        Files.move(passwordTmp, dir.resolve(PASSWORD_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(storeTmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path ownerOnlyTemp(Path dir) throws IOException {
        Path tmp = Files.createTempFile(dir, "identity", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
        return tmp;
    }

    /** Creates a fresh identity in memory (EC P-256, valid ten years). */
    public static SelfSignedIdentity create(String commonName) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_"));
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSignedIdentity(pair.getPrivate(), certificate);
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** This identity as a PKCS#12 key store encrypted with {@code password}, for keeping it outside a directory. */
    public byte[] toPkcs12(char[] password) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, new Certificate[] {certificate});
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot write the key store", e);
        }
    }

    /** Reads what {@link #toPkcs12} wrote; a wrong password fails. */
    public static SelfSignedIdentity fromPkcs12(byte[] data, char[] password) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(new java.io.ByteArrayInputStream(data), password);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot read the key store: " + e.getMessage(), e);
        }
        return new SelfSignedIdentity((PrivateKey) store.getKey(ALIAS, password),
                (X509Certificate) store.getCertificate(ALIAS));
    }

    public String fingerprint() {
        return Fingerprints.sha256(certificate);
    }

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** A key store holding this identity, for TLS servers. */
    public KeyStore keyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry(ALIAS, key, STORE_PASSWORD, new Certificate[] {certificate});
        return store;
    }

    /** A TLS context that presents this identity, for servers; it asks clients for no certificate. */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    public static char[] keyStorePassword() {
        return STORE_PASSWORD.clone();
    }

    /** PEM encoding and decoding of certificates. */
    public static final class Pem {
        private Pem() {
        }

        public static String encode(X509Certificate certificate) {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(certificate);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.toString();
        }

        public static X509Certificate decode(String pem) throws GeneralSecurityException {
            java.security.cert.CertificateFactory factory = java.security.cert.CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(
                    new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
    }
}
