package dev.ums.console.core;

import dev.ums.protocol.log.PeerText;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cookies of one server's login ({@code JSESSIONID}), kept in memory only: a cookie replaces the one with the same
 * name, domain and path, an expired one (the logout's {@code Max-Age=0}) removes it, and a request carries those that
 * match its URL. OkHttp rejects cookies for another domain before they arrive here. A server cannot grow what is kept
 * or sent: at most {@value #MAX_COOKIES} cookies (a new one pushes out the oldest), each at most
 * {@value #MAX_COOKIE_CHARS} characters; and it cannot make every later request fail: a cookie with a character a
 * {@code Cookie} header cannot carry is not kept (OkHttp would refuse to send any request with it).
 * Values are never logged. Any thread.
 */
final class SessionCookies implements CookieJar {
    /** What the console needs is one cookie; a browser keeps at least 50 a domain, this jar far fewer. */
    static final int MAX_COOKIES = 20;
    /** Name and value together; what RFC 6265 asks a client to keep at least. */
    static final int MAX_COOKIE_CHARS = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(SessionCookies.class);

    private final List<Cookie> cookies = new ArrayList<>();

    @Override
    public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
        received.forEach(this::keep);
    }

    @Override
    public synchronized List<Cookie> loadForRequest(HttpUrl url) {
        long now = System.currentTimeMillis();
        cookies.removeIf(c -> c.expiresAt() <= now);
        return cookies.stream().filter(c -> c.matches(url)).toList();
    }

    /** Whether a cookie called {@code name} would be sent to {@code url}. */
    synchronized boolean has(HttpUrl url, String name) {
        return loadForRequest(url).stream().anyMatch(c -> c.name().equals(name));
    }

    /** Keeps {@code name=value} for {@code url}'s host only, sent to every path below {@code path}. */
    synchronized void keep(HttpUrl url, String name, String value, String path) {
        if (sendable(name, value)) {
            keep(new Cookie.Builder().name(name).value(value).hostOnlyDomain(url.host()).path(path).secure().build());
        } else {
            refused(name);
        }
    }

    /** Forgets every cookie. */
    synchronized void clear() {
        cookies.clear();
    }

    private void keep(Cookie cookie) {
        if (!sendable(cookie.name(), cookie.value())) {
            refused(cookie.name());
            return;
        }
        cookies.removeIf(c -> c.name().equals(cookie.name()) && c.domain().equals(cookie.domain())
                && c.path().equals(cookie.path()));
        if (cookie.expiresAt() > System.currentTimeMillis()) {
            cookies.add(cookie);
            if (cookies.size() > MAX_COOKIES) {
                Cookie oldest = cookies.remove(0);
                LOG.debug("more than {} cookies from the server: {} forgotten", MAX_COOKIES,
                        PeerText.of(oldest.name(), 64));
            }
        }
    }

    /**
     * Whether the cookie fits and can go into a {@code Cookie} header as one {@code name=value} pair: printable
     * ASCII, no {@code ;} (that would add a pair of the server's choosing), no {@code =} or space in the name.
     */
    private static boolean sendable(String name, String value) {
        if (name.length() + value.length() > MAX_COOKIE_CHARS) {
            return false;
        }
        return !name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';' && c != '=')
                && value.strip().equals(value) && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != ';');
    }

    private static void refused(String name) {
        LOG.debug("cookie {} from the server not kept: longer than {} characters or not sendable in a header",
                PeerText.of(name, 64), MAX_COOKIE_CHARS);
    }
}
