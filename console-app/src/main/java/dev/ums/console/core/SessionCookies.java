package dev.ums.console.core;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * The cookies of one server's login ({@code JSESSIONID}), kept in memory only: a cookie replaces the one with the same
 * name, domain and path, an expired one (the logout's {@code Max-Age=0}) removes it, and a request carries those that
 * match its URL. OkHttp rejects cookies for another domain before they arrive here. Any thread.
 */
final class SessionCookies implements CookieJar {
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
        keep(new Cookie.Builder().name(name).value(value).hostOnlyDomain(url.host()).path(path).secure().build());
    }

    /** Forgets every cookie. */
    synchronized void clear() {
        cookies.clear();
    }

    private void keep(Cookie cookie) {
        cookies.removeIf(c -> c.name().equals(cookie.name()) && c.domain().equals(cookie.domain())
                && c.path().equals(cookie.path()));
        if (cookie.expiresAt() > System.currentTimeMillis()) {
            cookies.add(cookie);
        }
    }
}
