package dev.ums.console.core;

import dev.ums.protocol.tls.PinnedTrust;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.CookieJar;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * OkHttp clients that trust exactly one certificate, by the SHA-256 fingerprint of the whole certificate: OkHttp's
 * {@code CertificatePinner} pins public keys on top of CA trust, which a self-signed UMS server cannot pass, so the
 * pin is the trust manager ({@link PinnedTrust}) and the host name is not checked (the pin already names the one
 * acceptable certificate). HTTP/1.1 only, no redirects. Any thread.
 */
final class PinnedHttp {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * The threads that run the calls for every client; daemons, so that a finished call never holds the JVM (OkHttp's
     * own dispatcher threads are not). Idle threads end after a minute.
     */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "imi-call-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private PinnedHttp() {
    }

    /**
     * A client for one server. {@code readTimeout} bounds each wait for bytes; a call's whole duration is bounded per
     * call. Each request should carry a {@link Progress} tag so a failure can tell a connect that got no answer from a
     * server that did not answer in time.
     */
    static OkHttpClient client(String fingerprint, CookieJar cookies, Duration connectTimeout, Duration readTimeout) {
        PinnedTrust trust = PinnedTrust.fingerprint(fingerprint);
        Dispatcher calls = new Dispatcher(CALLS);
        // every call goes to the one server: the default of 5 at a time would queue a poll behind shadow starts
        calls.setMaxRequestsPerHost(calls.getMaxRequests());
        return new OkHttpClient.Builder()
                .dispatcher(calls)
                .sslSocketFactory(trust.sslContext().getSocketFactory(), trust)
                .hostnameVerifier((host, session) -> true)
                .protocols(List.of(Protocol.HTTP_1_1))
                .cookieJar(cookies)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListener(new ProgressListener())
                .build();
    }

    /** How far one call got; set by OkHttp's threads, read after the call failed. */
    static final class Progress {
        private volatile boolean connected;

        /** Whether a TCP and TLS connection to the server was made for the call. */
        boolean connected() {
            return connected;
        }
    }

    private static final class ProgressListener extends EventListener {
        @Override
        public void connectionAcquired(Call call, Connection connection) {
            Progress progress = call.request().tag(Progress.class);
            if (progress != null) {
                progress.connected = true;
            }
        }
    }
}
