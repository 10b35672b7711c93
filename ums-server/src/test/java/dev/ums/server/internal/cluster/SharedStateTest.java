package dev.ums.server.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.relay.RelayObserver;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.server.internal.account.LoginThrottle;
import dev.ums.server.internal.account.ThrottleStore;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.db.Database;
import dev.ums.server.internal.db.Jdbc;
import dev.ums.server.internal.db.TwoNodePools;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.link.FakeDeviceLink;
import dev.ums.server.internal.link.TunnelHost;
import dev.ums.server.internal.shadow.LocalTunnelHost;
import dev.ums.server.internal.shadow.SessionPasswords;
import dev.ums.server.internal.webapp.IdleLogins;
import dev.ums.testkit.time.MovableClock;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What two nodes share through a real PostgreSQL, each node played by its own objects on its own connection
 * pool: the cluster's identity, web sessions, and the login throttle's counts.
 */
class SharedStateTest {
    @RegisterExtension
    static final TwoNodePools pools = new TwoNodePools();
    private final MovableClock clock = MovableClock.now();

    private static Jdbc jdbc(Database db) {
        return new Jdbc(db.dataSource());
    }

    @Test
    void everyNodePresentsTheIdentityTheFirstCreatedAndAWrongSecretIsRefusedWithASentence() {
        SelfSignedIdentity a = ClusterIdentity.loadOrCreate(jdbc(pools.first()), "s3cret".toCharArray(), clock);
        SelfSignedIdentity b = ClusterIdentity.loadOrCreate(jdbc(pools.second()), "s3cret".toCharArray(), clock);
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
        assertThatThrownBy(() -> ClusterIdentity.loadOrCreate(jdbc(pools.second()), "other".toCharArray(), clock))
                .hasMessage("the cluster secret (UMS_CLUSTER_SECRET) does not open the cluster's key pair in the "
                        + "database; give every node the same secret");
        assertThat(jdbc(pools.first()).queryOne("SELECT key_store FROM cluster_identity", rs -> rs.getString(1)).orElseThrow())
                .as("no PEM private key in the table").doesNotContain("PRIVATE KEY");
    }

    @Test
    void aSessionOpenedOnOneNodeIsLiveOnTheOtherUntilALogoutOrItsIdleTime() {
        WebSessions one = new SharedWebSessions(jdbc(pools.first()), clock);
        WebSessions two = new SharedWebSessions(jdbc(pools.second()), clock);
        String id = one.open("admin");
        assertThat(two.user(id)).contains("admin");
        assertThat(two.requestToken(id)).isEqualTo(one.requestToken(id));
        two.opened(id, "shadow-1");
        assertThat(one.owns(id, "shadow-1")).isTrue();
        assertThat(one.close(id)).containsExactly("shadow-1");
        assertThat(two.user(id)).isEmpty();

        String idle = one.open("admin");
        one.opened(idle, "shadow-2");
        clock.advance(WebSessions.IDLE.plusSeconds(1));
        assertThat(one.user(idle)).as("past its idle time, no longer live").isEmpty();
        assertThat(two.expireIdle()).as("its sessions, to be ended as a logout ends them").containsExactly("shadow-2");
        assertThat(one.expireIdle()).as("answered to one node only").isEmpty();
        assertThat(one.user(idle)).isEmpty();
        assertThat(jdbc(pools.first()).queryOne("SELECT COUNT(*) FROM web_session WHERE id_hash = ?", rs -> rs.getInt(1),
                StoredKey.of(idle)).orElseThrow()).isZero();
    }

    @Test
    void sessionsOpenedThroughANodeWhoseLoginEndedElsewhereAreAnsweredThereOnceForItsHousekeepingToEnd() {
        WebSessions one = new SharedWebSessions(jdbc(pools.first()), clock);
        WebSessions two = new SharedWebSessions(jdbc(pools.second()), clock);
        List<String> endedOnTwo = new ArrayList<>();
        IdleLogins housekeepingOfTwo = new IdleLogins(two, (shadowId, reason) -> endedOnTwo.add(shadowId + ": "
                + reason));
        String login = one.open("admin");
        two.opened(login, "through-two");
        String stays = one.open("admin");
        two.opened(stays, "still-listed");
        housekeepingOfTwo.expire();
        assertThat(endedOnTwo).as("both logins live").isEmpty();

        // a logout on node one, whose message to node two was lost
        assertThat(one.close(login)).containsExactly("through-two");
        housekeepingOfTwo.expire();
        housekeepingOfTwo.expire();

        assertThat(endedOnTwo).containsExactly("through-two: " + IdleLogins.ENDED_ELSEWHERE);
        assertThat(one.unlistedHere()).as("nothing was opened through node one").isEmpty();
        assertThat(two.close(stays)).containsExactly("still-listed");
        assertThat(two.unlistedHere()).as("a login closed on this node: its caller ended them").isEmpty();
    }

    @Test
    void aSessionThatEndedOnTheNodeItWasOpenedThroughIsForgottenByItsLoginOnEveryNode() {
        WebSessions one = new SharedWebSessions(jdbc(pools.first()), clock);
        WebSessions two = new SharedWebSessions(jdbc(pools.second()), clock);
        String login = one.open("admin");
        two.opened(login, "ended");
        two.opened(login, "open");

        one.ended("open"); // not opened through node one: its end is node two's to report
        two.ended("ended");

        assertThat(one.owns(login, "ended")).isFalse();
        assertThat(one.owns(login, "open")).isTrue();
        assertThat(one.close(login)).containsExactly("open");
        assertThat(two.unlistedHere()).as("the ended one is not answered again").containsExactly("open");
    }

    @Test
    void anOs11PasswordIssuedOnOneNodeIsGoodOnceOnTheOtherAndOnlyForItsDeviceAndTime() {
        SessionPasswords one = new SharedSessionPasswords(jdbc(pools.first()), clock);
        SessionPasswords two = new SharedSessionPasswords(jdbc(pools.second()), clock);
        String password = one.issue(7, "admin", 41);

        SessionPasswords.Verdict used = two.use(7, password);
        assertThat(used.valid()).isTrue();
        assertThat(used.grant()).isEqualTo(new SessionPasswords.Grant(7, "admin", 41,
                clock.millis() + SessionPasswords.VALIDITY.toMillis()));
        assertThat(one.use(7, password).refusal()).isEqualTo("unknown or already used session password");

        String forOther = one.issue(8, "admin", 42);
        assertThat(two.use(7, forOther).refusal()).isEqualTo("session password issued for device 8");
        assertThat(one.use(8, forOther).valid()).as("shown to the wrong device, the password is gone").isFalse();

        String late = one.issue(7, "admin", 43);
        clock.advance(SessionPasswords.VALIDITY.plusSeconds(1));
        assertThat(two.use(7, late).refusal()).isEqualTo("session password expired");

        String expired = one.issue(7, "admin", 44);
        clock.advance(SessionPasswords.VALIDITY.plusSeconds(1));
        two.expire();
        assertThat(jdbc(pools.first()).queryOne("SELECT count(*) FROM session_password", rs -> rs.getLong(1))).contains(0L);
        assertThat(one.use(7, expired).valid()).isFalse();
        assertThat(jdbc(pools.first()).queryOne("SELECT count(*) FROM session_password WHERE password_hash = ?",
                rs -> rs.getLong(1), password)).as("no password in clear").contains(0L);
    }

    @Test
    void failedLoginsOnOneNodeThrottleTheSameAddressOnTheOther() {
        LoginThrottle one = new LoginThrottle(clock, new SharedThrottleStore(jdbc(pools.first())));
        LoginThrottle two = new LoginThrottle(clock, new SharedThrottleStore(jdbc(pools.second())));
        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? one : two).admit("u" + i, "10.9.0.1").admitted()).isTrue();
        }
        assertThat(two.admit("w", "10.9.0.1").secondsToWait()).as("the sixth attempt, over both nodes").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        LoginThrottle.Admission right = two.admit("admin", "10.9.0.1");
        assertThat(right.admitted()).isTrue();
        two.succeeded(right.ticket());
        assertThat(one.admit("other", "10.9.0.1").admitted()).as("a right password clears the address").isTrue();
        clock.advance(Duration.ofHours(2));
        one.expire();
        assertThat(jdbc(pools.second()).queryOne("SELECT COUNT(*) FROM login_failure WHERE key_value = ?",
                rs -> rs.getInt(1), StoredKey.of("10.9.0.1")).orElseThrow()).isZero();
    }

    /**
     * Another node stalls holding the login counts' lock (paused, or flooded) while a flood of logins reaches this
     * node: the attempts must not take this node's connection pool, which its devices, sessions and audit need, and
     * each must end, admitted or answered busy, instead of waiting for ever.
     */
    @Test
    void aLoginFloodWhileAnotherNodeHoldsTheCountsLeavesThisNodeItsConnectionsAndEveryAttemptEnds() throws Exception {
        LoginThrottle one = new LoginThrottle(clock, new SharedThrottleStore(jdbc(pools.first())));
        ExecutorService flood = Executors.newFixedThreadPool(12);
        List<Future<LoginThrottle.Admission>> attempts = new ArrayList<>();
        try (Connection stalled = pools.second().connection()) {
            stalled.setAutoCommit(false);
            try (Statement lock = stalled.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + SharedThrottleStore.LOCK + ")");
            }
            for (int i = 0; i < 12; i++) {
                String address = "10.7.0." + i;
                attempts.add(flood.submit(() -> one.admit("flood", address)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForTheCounts() >= SharedThrottleStore.TURNS);
            assertThat(waitingForTheCounts()).as("the flood's attempts in the database, of 12")
                    .isLessThanOrEqualTo(SharedThrottleStore.TURNS);
            CompletableFuture<Integer> otherWork = CompletableFuture.supplyAsync(
                    () -> jdbc(pools.first()).queryOne("SELECT 1", rs -> rs.getInt(1)).orElseThrow());
            assertThat(otherWork.get(10, TimeUnit.SECONDS)).as("a connection for the node's other work").isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts.stream().anyMatch(Future::isDone));
            stalled.rollback();
        }
        int busy = 0;
        try {
            for (Future<LoginThrottle.Admission> attempt : attempts) {
                try {
                    attempt.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ThrottleStore.Busy.class);
                    busy++;
                }
            }
        } finally {
            flood.shutdownNow();
        }
        assertThat(busy).as("the attempts that waited while the lock was held").isPositive();
        assertThat(one.admit("admin", "10.7.1.1").admitted()).as("the counts work again").isTrue();
    }

    /**
     * Connections of any node waiting for an advisory lock (the login counts' is the only one tests wait on), asked
     * through the second node's pool, which the flood on the first does not use.
     */
    private static long waitingForTheCounts() {
        return jdbc(pools.second()).queryOne("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND wait_event = 'advisory'", rs -> rs.getLong(1)).orElseThrow();
    }

    @Test
    void endingASessionOnOneNodeEndsItOnTheNodeWhereItsTunnelsMeet() throws Exception {
        List<String> endedOnSecond = new CopyOnWriteArrayList<>();
        TunnelRelay relayTwo = relayEndingInto(endedOnSecond);
        relayTwo.open("session-7");
        ClusterShadows one = new ClusterShadows(new Presence(jdbc(pools.first()), "node-one"),
                tunnelHost(relayEndingInto(new ArrayList<>())));
        ClusterShadows two = new ClusterShadows(new Presence(jdbc(pools.second()), "node-two"), tunnelHost(relayTwo));
        try (ClusterBus busOne = bus(pools.first(), "node-one", one::receive);
             ClusterBus busTwo = bus(pools.second(), "node-two", two::receive)) {
            one.attach(busOne, new DeviceConnections(one), null);
            two.attach(busTwo, new DeviceConnections(two), null);
            busOne.start();
            busTwo.start();

            one.end("session-7", "the administrator logged out of the web app");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(endedOnSecond)
                    .containsExactly("session-7: the administrator logged out of the web app"));
        }
    }

    /**
     * A browser's bridge on node one fails for a device behind a gateway whose link node two holds: the session that
     * node two brokered at the gateway ends there at once, not at the gateway's pairing limit.
     */
    @Test
    void endingASessionAtADeviceHeldByTheOtherNodeEndsItThroughThatNodesLink() throws Exception {
        List<String> endedAtGateway = new CopyOnWriteArrayList<>();
        TunnelRelay gateway = relayEndingInto(endedAtGateway);
        gateway.open("gateway-session-3");
        ClusterShadows one = new ClusterShadows(new Presence(jdbc(pools.first()), "node-one"),
                tunnelHost(relayEndingInto(new ArrayList<>())));
        ClusterShadows two = new ClusterShadows(new Presence(jdbc(pools.second()), "node-two"),
                tunnelHost(relayEndingInto(new ArrayList<>())));
        try (ClusterBus busOne = bus(pools.first(), "node-one", one::receive);
             ClusterBus busTwo = bus(pools.second(), "node-two", two::receive)) {
            one.attach(busOne, new DeviceConnections(one), null);
            DeviceConnections onTwo = new DeviceConnections(two);
            two.attach(busTwo, onTwo, null);
            busOne.start();
            busTwo.start();
            onTwo.register(new FakeDeviceLink(9_003, "icg", tunnelHost(gateway)));

            one.endAt(9_003, "gateway-session-3", "the browser's bridge could not be made");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(endedAtGateway)
                    .containsExactly("gateway-session-3: the browser's bridge could not be made"));
        }
    }

    @Test
    void closingADeviceHeldByAnotherNodeClosesItsSocketThere() throws Exception {
        // live members, so that node one finds node two holding the device
        try (ClusterNode nodeOne = ClusterNode.join(jdbc(pools.first()), "https://node-one.example:8443");
             ClusterNode nodeTwo = ClusterNode.join(jdbc(pools.second()), "https://node-two.example:8443")) {
            closeThroughTheOtherNode(nodeOne, nodeTwo);
        }
    }

    private void closeThroughTheOtherNode(ClusterNode nodeOne, ClusterNode nodeTwo) throws Exception {
        ClusterShadows one = new ClusterShadows(nodeOne.presence(), tunnelHost(relayEndingInto(new ArrayList<>())));
        ClusterShadows two = new ClusterShadows(nodeTwo.presence(), tunnelHost(relayEndingInto(new ArrayList<>())));
        try (ClusterBus busOne = bus(pools.first(), nodeOne.id(), one::receive);
             ClusterBus busTwo = bus(pools.second(), nodeTwo.id(), two::receive)) {
            DeviceConnections onOne = new DeviceConnections(one);
            DeviceConnections onTwo = new DeviceConnections(two);
            one.attach(busOne, onOne, null);
            two.attach(busTwo, onTwo, null);
            busOne.start();
            busTwo.start();
            FakeDeviceLink held = new FakeDeviceLink(9_001, "direct", null);
            onTwo.register(held);

            // as an approved re-enrollment on node one closes the old credential's socket
            onOne.reach(held.deviceId()).orElseThrow().close("the device's credential was replaced");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(held.closed)
                    .containsExactly("the device's credential was replaced"));
        }
    }

    @Test
    void aMessageBetweenNodesCommitsWithoutWaitingForTheDiskAndLeavesThePooledConnectionAsItWas() throws Exception {
        String url = pools.postgres().jdbcUrl();
        try (java.sql.Connection listener = java.sql.DriverManager.getConnection(url, pools.postgres().user(), "");
             java.sql.Connection sender = java.sql.DriverManager.getConnection(url, pools.postgres().user(), "")) {
            try (java.sql.Statement s = listener.createStatement()) {
                s.execute("LISTEN ums_test_channel");
            }
            sender.setAutoCommit(false);
            try (java.sql.PreparedStatement notify = sender.prepareStatement(ClusterBus.NOTIFY)) {
                notify.setString(1, "ums_test_channel");
                notify.setString(2, "hello");
                notify.executeQuery().close();
            }
            assertThat(setting(sender)).as("inside the notifying transaction").isEqualTo("off");
            sender.commit();
            assertThat(setting(sender)).as("after it, for the connection's next user").isEqualTo("on");

            org.postgresql.PGNotification[] notes = listener.unwrap(org.postgresql.PGConnection.class)
                    .getNotifications(10_000);
            assertThat(notes).extracting(org.postgresql.PGNotification::getParameter).containsExactly("hello");
        }
    }

    private static String setting(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void oneNodeAtATimeHoldsAGatewaysLeaseAndAnotherTakesItWhenTheHolderLetsGo() {
        DatabaseLease one = new DatabaseLease(pools.postgres().jdbcUrl(), pools.postgres().user(), null, "gateway https://icg:8443");
        DatabaseLease two = new DatabaseLease(pools.postgres().jdbcUrl(), pools.postgres().user(), null, "gateway https://icg:8443");
        DatabaseLease other = new DatabaseLease(pools.postgres().jdbcUrl(), pools.postgres().user(), null, "gateway https://b:8443");
        try {
            assertThat(one.held()).isTrue();
            assertThat(two.held()).as("the same gateway's lease, held by the first node").isFalse();
            assertThat(other.held()).as("another gateway's lease").isTrue();
            assertThat(one.held()).as("asked again, still held").isTrue();

            one.close();

            // PostgreSQL lets the lock go when the closed connection's backend has ended, just after the close
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(two.held())
                    .as("taken over once the holder's connection is gone").isTrue());
        } finally {
            one.close();
            two.close();
            other.close();
        }
    }

    /** A node's own relay, as the server builds it; each session it ends lands in {@code ended} with its reason. */
    private static ClusterBus bus(Database pool, String nodeId, java.util.function.Consumer<ClusterMessage> receiver) {
        return new ClusterBus(pools.postgres().jdbcUrl(), pools.postgres().user(), null, jdbc(pool), nodeId, receiver);
    }

    private TunnelRelay relayEndingInto(List<String> ended) {
        return new TunnelRelay(clock, new RelayObserver() {
            @Override
            public void paired(String sessionId) {
            }

            @Override
            public void ended(String sessionId, boolean wasPaired, String reason, long toDevice, long fromDevice) {
                ended.add(sessionId + ": " + reason);
            }
        }, Duration.ofMinutes(1));
    }

    /** The node's tunnel host over {@code relay}, the server's own kind. */
    private TunnelHost tunnelHost(TunnelRelay relay) {
        return new LocalTunnelHost(new TunnelTokens(clock), relay, null, "127.0.0.1");
    }
}
