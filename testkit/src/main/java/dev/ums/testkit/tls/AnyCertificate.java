package dev.ums.testkit.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client side that takes any server certificate, for tests of what happens after the handshake (a password
 * rule, a greeting), never of pinning. Immutable; any thread.
 */
public final class AnyCertificate implements X509TrustManager {
    /** A client context that trusts any server. */
    public static SSLContext clientContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
        return context;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // any server: the test is about what comes after the handshake
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
