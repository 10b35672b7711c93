package dev.ums.server.internal.rest;

import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.server.internal.account.WebSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST front: matches method and path to a route, checks the login where the route needs one, and
 * turns every failure into a JSON sentence. Route handlers run on Jetty's request threads and may block.
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Handles one matched request; {@code path} holds the pattern's groups. */
    @FunctionalInterface
    public interface Route {
        void handle(Exchange exchange, Matcher path) throws Exception;
    }

    private record Entry(String method, Pattern pattern, boolean needsLogin, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final WebSessions sessions;

    public Router(WebSessions sessions) {
        this.sessions = sessions;
    }

    /** A route that needs a logged-in admin (JSESSIONID cookie). */
    public Router secured(String method, String regex, Route route) {
        entries.add(new Entry(method, Pattern.compile(regex), true, route));
        return this;
    }

    /** A route anyone may call (it authenticates by other means, or not at all). */
    public Router open(String method, String regex, Route route) {
        entries.add(new Entry(method, Pattern.compile(regex), false, route));
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
            run(entry, m, exchange);
            return true;
        }
        if (pathKnown) {
            exchange.error(405, request.getMethod() + " is not supported on " + path);
        } else {
            exchange.error(404, "there is nothing at " + path);
        }
        return true;
    }

    private void run(Entry entry, Matcher m, Exchange exchange) {
        try {
            if (entry.needsLogin()) {
                Optional<String> user = exchange.cookie("JSESSIONID").flatMap(sessions::user);
                if (user.isEmpty()) {
                    exchange.error(401, "not logged in, or the session expired");
                    return;
                }
                exchange.user(user.get());
            }
            entry.route().handle(exchange, m);
        } catch (ApiException e) {
            exchange.error(e.status(), e.getMessage());
        } catch (MalformedMessageException e) {
            exchange.error(400, "the request body is not valid JSON for this call");
        } catch (NumberFormatException e) {
            exchange.error(400, "an id in the request is not a number");
        } catch (Exception e) {
            LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
            exchange.error(500, "the server failed to handle the request; its log has the details");
        }
    }
}
