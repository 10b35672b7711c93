package dev.ums.server.internal.account;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Logged-in sessions keyed by their cookie value (the REST API's {@code JSESSIONID}, the web app's session
 * cookie); they expire after {@link #IDLE} without use. Each carries a random request token against
 * cross-site requests and the shadow sessions opened in it, so that a logout ends them. In this server's memory
 * ({@link MemoryWebSessions}) or, for a cluster, in the database, where every node finds them. Called on
 * request threads and the housekeeping thread; implementations are thread-safe.
 */
public interface WebSessions {
    Duration IDLE = Duration.ofMinutes(30);
    long IDLE_MS = IDLE.toMillis();

    /** Opens a session for {@code user}; answers its cookie value. */
    String open(String user);

    /** The user of a live session, refreshing its idle timer. */
    Optional<String> user(String sessionId);

    /** The token a state-changing call of this session must carry, if the session is live. */
    Optional<String> requestToken(String sessionId);

    /** Remembers that {@code shadowId} was opened in this session. */
    void opened(String sessionId, String shadowId);

    /**
     * Forgets {@code shadowId}, which has ended, in the login it was opened in through this server, so that a login
     * keeps only its sessions still open, however many it opens while a page keeps it alive; ids this server did not
     * open in a login are ignored.
     */
    void ended(String shadowId);

    /** Whether {@code shadowId} was opened in this live session. */
    boolean owns(String sessionId, String shadowId);

    /** Ends a session; answers the shadow sessions opened in it, for the caller to end. */
    List<String> close(String sessionId);

    /**
     * Forgets sessions idle longer than {@link #IDLE}; answers the shadow sessions opened in them, for the caller to
     * end as a logout does. A session past its idle time is no longer live, but only this forgets it, so that its
     * shadow sessions are always answered here, once.
     */
    List<String> expireIdle();

    /**
     * The shadow sessions opened through this server whose login no longer lists them (ended on another node of a
     * cluster, whose message to end them here can be lost while this node's listening connection reopens), each
     * answered once, for the caller to end; none outside a cluster, where a logout ends them here itself.
     */
    List<String> unlistedHere();
}
