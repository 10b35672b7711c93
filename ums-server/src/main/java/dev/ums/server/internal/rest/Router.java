package dev.ums.server.internal.rest;

import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.relay.BoundedBody;
import dev.ums.relay.ConnectionGuard;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.input.InvalidInputException;
import dev.ums.server.internal.shadow.ShadowRefusal;
import dev.ums.server.internal.webapp.SameOrigin;
import dev.ums.server.internal.webapp.WebCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST front: matches method and path to a route, authenticates the caller from the headers alone (a
 * session cookie, or the route's own gate), and only then reads the body, without holding a thread while it
 * arrives and within {@link BoundedBody.Limits}; every failure becomes a JSON sentence. Route handlers run on
 * Jetty's request threads and may block; a handler that waits for someone else completes its exchange later.
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Handles one matched request; {@code path} holds the pattern's groups. */
    @FunctionalInterface
    public interface Route {
        void handle(Exchange exchange, Matcher path) throws Exception;
    }

    /** Checks an open route's caller from the headers, before any body is read; throws {@link ApiException}. */
    @FunctionalInterface
    public interface Gate {
        void check(Exchange exchange);
    }

    private enum Access { SIGNED_IN, GATED, OPEN }

    private record Entry(String method, Pattern pattern, Access access, Gate gate, Route route) {
        boolean readsBody() {
            return access != Access.OPEN && (method.equals("POST") || method.equals("PUT"));
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final WebSessions sessions;
    private final ConnectionGuard guard;

    public Router(WebSessions sessions, ConnectionGuard guard) {
        this.sessions = sessions;
        this.guard = guard;
    }

    /** A route that needs a logged-in admin (JSESSIONID cookie); its body may be up to 1 MiB. */
    public Router secured(String method, String regex, Route route) {
        entries.add(new Entry(method, Pattern.compile(regex), Access.SIGNED_IN, null, route));
        return this;
    }

    /** A route anyone may call that reads no body (it authenticates from its headers, or not at all). */
    public Router open(String method, String regex, Route route) {
        entries.add(new Entry(method, Pattern.compile(regex), Access.OPEN, null, route));
        return this;
    }

    /** A route whose caller {@code gate} admits from the headers; only then is its (small) body read. */
    public Router gated(String method, String regex, Gate gate, Route route) {
        entries.add(new Entry(method, Pattern.compile(regex), Access.GATED, gate, route));
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        String path = exchange.path();
        boolean pathKnown = false;
        for (Entry entry : entries) {
            Matcher m = entry.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!entry.method().equals(request.getMethod())) {
                continue;
            }
            admit(entry, m, exchange);
            return true;
        }
        if (pathKnown) {
            exchange.error(405, request.getMethod() + " is not supported on " + path);
        } else {
            exchange.error(404, "there is nothing at " + path);
        }
        return true;
    }

    private void admit(Entry entry, Matcher m, Exchange exchange) {
        try {
            if (entry.access() == Access.SIGNED_IN) {
                if (!signIn(exchange)) {
                    return;
                }
                guard.authenticated(exchange.request());
            } else if (entry.access() == Access.GATED) {
                entry.gate().check(exchange);
                guard.authenticated(exchange.request());
            }
        } catch (RuntimeException e) {
            fail(exchange, e);
            return;
        }
        if (!entry.readsBody()) {
            run(entry, m, exchange);
            return;
        }
        BoundedBody.Limits limits = entry.access() == Access.SIGNED_IN ? BoundedBody.Limits.AUTHENTICATED
                : BoundedBody.Limits.UNAUTHENTICATED;
        BoundedBody.read(exchange.request(), limits).whenComplete((bytes, failure) -> {
            if (failure == null) {
                exchange.body(bytes);
                run(entry, m, exchange);
            } else {
                refuseBody(exchange, failure);
            }
        });
    }

    /**
     * Admits the web app's cookie or, without it, the REST API's {@code JSESSIONID}; a state-changing call with
     * the web app's cookie must also carry its session's request token, so that another site's page cannot make
     * the browser send one. A call that a browser marks as started by a page of another site is refused with
     * either cookie: the REST API's has no {@code SameSite} (IMI's cookie as it is), and a sibling host's page
     * is of the same site, to which even a strict cookie goes.
     */
    private boolean signIn(Exchange exchange) {
        if (refusedAsStartedElsewhere(exchange)) {
            return false;
        }
        Optional<String> web = exchange.cookie(WebCookie.NAME);
        if (web.isEmpty()) {
            Optional<String> user = exchange.cookie("JSESSIONID").flatMap(sessions::user);
            if (user.isEmpty()) {
                exchange.error(401, "not logged in, or the session expired");
                return false;
            }
            exchange.user(user.get());
            return true;
        }
        // a browser carrying the web app's cookie is held to its rules even if it also holds a JSESSIONID
        Optional<String> user = web.flatMap(sessions::user);
        if (user.isEmpty()) {
            exchange.error(401, "not logged in, or the session expired");
            return false;
        }
        if (changesState(exchange)) {
            String sent = exchange.header(WebCookie.REQUEST_TOKEN_HEADER);
            String expected = sessions.requestToken(web.get()).orElse(null);
            if (sent == null || expected == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8))) {
                exchange.error(403, "the request lacks the web app's request token; reload the page");
                return false;
            }
        }
        exchange.user(user.get());
        exchange.webSession(web.get());
        return true;
    }

    /**
     * Answers {@code 403} to a call that a browser marks as started by a page of another site or of a sibling host
     * ({@link SameOrigin#startedElsewhere}), and says whether it did: every call made with a login cookie is held to
     * this, also an open route that reads one.
     */
    static boolean refusedAsStartedElsewhere(Exchange exchange) {
        if (!SameOrigin.startedElsewhere(exchange.header("Origin"), exchange.header("Sec-Fetch-Site"),
                exchange.header("Host"))) {
            return false;
        }
        exchange.error(403, "the request came from a page of another site; the server accepts it only from its "
                + "own web app or an API client");
        return true;
    }

    /**
     * Whether a call changes something: every method but GET and HEAD, and the one GET that does, IMI's
     * {@code ?facets=shadow}, which issues a device's one-time session password and writes the shadow log (the web
     * app never makes it; a page of a sibling host could, through a browser that sends no {@code Sec-Fetch-Site}).
     */
    private static boolean changesState(Exchange exchange) {
        String method = exchange.method();
        return !method.equals("GET") && !method.equals("HEAD") || exchange.facets().contains("shadow");
    }

    private static void refuseBody(Exchange exchange, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (!(cause instanceof BoundedBody.RefusedException refused)) {
            LOG.error("{} {}: reading the body failed", exchange.method(), exchange.path(), cause);
            exchange.error(500, "the server failed to handle the request; its log has the details");
            return;
        }
        exchange.error(refused.status(), refused.sentence()); // its unread rest closes the connection
    }

    private static void run(Entry entry, Matcher m, Exchange exchange) {
        try {
            entry.route().handle(exchange, m);
        } catch (Exception e) {
            fail(exchange, e);
        }
    }

    /** The HTTP status that answers a shadow session that did not start. */
    static int status(ShadowRefusal.Reason reason) {
        return switch (reason) {
            case UNKNOWN_DEVICE -> 404;
            case OFFLINE -> 409;
            case NOT_ALLOWED -> 403;
            case BUSY -> 503;
            case NO_ANSWER -> 504;
            case FAILED -> 502;
            case SERVER_DATA -> 500;
            case NOT_RECORDABLE -> 409;
        };
    }

    /** Answers a failure of a route, now or once a later step of it failed. */
    static void fail(Exchange exchange, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (e instanceof ApiException api) {
            exchange.error(api.status(), api.getMessage());
        } else if (e instanceof ShadowRefusal refusal) {
            exchange.error(status(refusal.reason()), refusal.getMessage());
        } else if (e instanceof InvalidInputException invalid) {
            exchange.error(400, invalid.getMessage());
        } else if (e instanceof MalformedMessageException) {
            exchange.error(400, "the request body is not valid JSON for this call");
        } else if (e instanceof NumberFormatException) {
            exchange.error(400, "an id in the request is not a number");
        } else {
            LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
            exchange.error(500, "the server failed to handle the request; its log has the details");
        }
    }
}
