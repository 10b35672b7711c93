package dev.ums.agent.internal.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.DeviceAgent;
import dev.ums.agent.internal.shadow.ShadowSessions;
import dev.ums.agent.internal.shadow.TunnelOpener;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.testkit.log.CapturedLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent (enrolled, prompting its user) on a real UP WebSocket to a scripted server that sends it what no server
 * should: a flood of {@code shadow.open}, repeated session ids, odd tunnel addresses, ids and tokens. The agent
 * answers each with a typed refusal the server's limits take (or, where no answer could be one, ignores it), asks its
 * user about one session at a time, connects nowhere it was not meant to, and keeps its one UP connection.
 */
class HostileServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The longest {@code shadow.result} message the server takes (InputLimits.MESSAGE). */
    private static final int SERVER_MESSAGE_LIMIT = 1000;
    private static final ShadowSettings PROMPTING = new ShadowSettings(true, true, true);
    private static final ShadowSettings NOT_PROMPTING = new ShadowSettings(true, false, true);

    @RegisterExtension
    final CapturedLog connectorLog = new CapturedLog(UpConnector.class);
    @RegisterExtension
    final CapturedLog sessionsLog = new CapturedLog(ShadowSessions.class);
    @RegisterExtension
    final CapturedLog sessionLog = new CapturedLog("dev.ums.agent.internal.shadow.ShadowSession");
    @RegisterExtension
    final CapturedLog joinLog = new CapturedLog("dev.ums.agent.internal.shadow.TunnelJoin");
    @TempDir
    Path dir;
    private FakeUpServer server;
    private DeviceAgent agent;
    private ServerSocket vnc;
    private final List<ConsentPrompt.Request> asked = new CopyOnWriteArrayList<>();
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger vncConnections = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        answer.countDown();
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
        if (vnc != null) {
            vnc.close();
        }
    }

    private void start() throws Exception {
        start(true);
    }

    /** Starts the agent, asking its user (the blocking prompt) or, with {@code prompting} false, serving at once. */
    private void start(boolean prompting) throws Exception {
        server = new FakeUpServer(20, true);
        vnc = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!vnc.isClosed()) {
                try {
                    Socket s = vnc.accept();
                    vncConnections.incrementAndGet();
                    s.close();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-vnc");
        acceptor.setDaemon(true);
        acceptor.start();
        new CredentialStore(dir).saveEnrollment(new Enrollment("5", "cred"));
        ConsentPrompt blocking = request -> {
            asked.add(request);
            try {
                answer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ConsentPrompt.Answer.deny("the user declined");
        };
        agent = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(), "hostile", dir)
                .vnc(InetSocketAddress.createUnresolved("127.0.0.1", vnc.getLocalPort())).promptUser(prompting)
                .prompt(blocking).build());
        await().atMost(WAIT).until(agent::isConnected);
    }

    private static UpMessage.ShadowOpen open(String sessionId, String tunnelUrl, String token) {
        return new UpMessage.ShadowOpen(sessionId, tunnelUrl, token, null, "admin", false, PROMPTING);
    }

    private static UpMessage.ShadowOpen open(String sessionId) {
        return open(sessionId, "wss://127.0.0.1:1/shadow/tunnel/" + sessionId, "token");
    }

    @Test
    void aFloodOfShadowOpensAsksTheUserOnceAndAnswersEveryOtherRequestAtOnce() throws Exception {
        start();
        server.send(open("s0").toJson());
        await().atMost(WAIT).until(() -> !asked.isEmpty());
        for (int i = 0; i < 20; i++) {
            server.send(open("s0").toJson());
        }
        List<String> others = new ArrayList<>();
        for (int i = 1; i < 100; i++) {
            others.add("s" + i);
            server.send(open("s" + i).toJson());
        }

        await().atMost(WAIT).until(() -> others.stream().allMatch(id -> !server.results(id).isEmpty()));
        assertThat(asked).extracting(ConsentPrompt.Request::sessionId).containsExactly("s0");
        for (String id : others) {
            assertThat(server.results(id)).as(id).hasSize(1).allSatisfy(r -> {
                assertThat(r.outcome()).isIn(ShadowOutcome.DECLINED, ShadowOutcome.ERROR);
                assertThat(r.message()).isNotBlank().hasSizeLessThanOrEqualTo(SERVER_MESSAGE_LIMIT);
            });
        }
        assertThat(server.results("s0")).as("answers before the user answered").isEmpty();

        answer.countDown();

        await().atMost(WAIT).until(() -> !server.results("s0").isEmpty());
        server.send(open("s0").toJson());
        server.send(open("s1").toJson());
        Thread.sleep(500);
        assertThat(asked).as("asked again about a session answered before").hasSize(1);
        assertThat(server.results("s1")).as("answers to a repeated request").hasSize(1);
        assertThat(server.results("s0")).containsExactly(
                new UpMessage.ShadowResult("s0", ShadowOutcome.DECLINED, "the user declined"));
        assertThat(vncConnections.get()).as("connections to the VNC server").isZero();
        assertThat(server.connections.get()).as("UP connections").isEqualTo(1);
        assertThat(agent.isConnected()).isTrue();
    }

    @Test
    void oddTunnelAddressesAreRefusedAsTunnelFailuresBeforeTheUserIsAsked() throws Exception {
        start();
        List<String> urls = List.of("wss://127.0.0.1:99999/shadow/tunnel/x", "wss://127.0.0.1:0/shadow/tunnel/x",
                "wss:///shadow/tunnel/x", "wss://[::1/x", "", " ", "wss:opaque", "file:///etc/passwd",
                "wss://127.0.0.1:1/x\u0000y", "http://" + "a".repeat(5000) + "/x",
                "wss://127.0.0.1:" + "9".repeat(30) + "/x", "wss://127.0.0.1:1/x#\u202efragment\n");
        for (int i = 0; i < urls.size(); i++) {
            server.send(open("u" + i, urls.get(i), "token").toJson());
        }
        server.send(new UpMessage.ShadowOpen("pin", "wss://127.0.0.1:1/shadow/tunnel/pin", "token", "zz\n" + "0".repeat(3000),
                "admin", false, PROMPTING).toJson());
        await().atMost(WAIT).until(() -> !server.results("pin").isEmpty());
        assertThat(server.results("pin")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ShadowOutcome.TUNNEL_FAILED);
            assertThat(r.message()).hasSizeLessThanOrEqualTo(SERVER_MESSAGE_LIMIT).doesNotContainPattern("\\p{Cntrl}");
        });

        for (int i = 0; i < urls.size(); i++) {
            String id = "u" + i;
            String url = urls.get(i);
            await().atMost(WAIT).until(() -> !server.results(id).isEmpty());
            assertThat(server.results(id)).as(url).hasSize(1).allSatisfy(r -> {
                assertThat(r.outcome()).as(url).isEqualTo(ShadowOutcome.TUNNEL_FAILED);
                assertThat(r.message()).as(url).isNotBlank().hasSizeLessThanOrEqualTo(SERVER_MESSAGE_LIMIT)
                        .doesNotContainPattern("\\p{Cntrl}");
            });
        }
        assertThat(asked).as("the user asked about a session whose tunnel cannot open").isEmpty();
        assertThat(vncConnections.get()).as("connections to the VNC server").isZero();
        assertThat(server.connections.get()).as("UP connections").isEqualTo(1);
    }

    /**
     * Each HTTP client the agent keeps holds a selector thread; one per pin a server ever named grew the agent's
     * threads without end. Each tunnel here fails at once (nothing listens at its port).
     */
    @Test
    void aNewTunnelPinInEveryShadowOpenDoesNotGrowTheAgentsThreads() throws Exception {
        start(false);
        Set<Thread> before = httpClientThreads();
        for (int i = 0; i < 40; i++) {
            String id = "p" + i;
            String pin = String.format("%064x", i + 1);
            server.send(new UpMessage.ShadowOpen(id, "wss://127.0.0.1:1/shadow/tunnel/" + id, "token", pin, "admin",
                    false, NOT_PROMPTING).toJson());
            await().atMost(WAIT).until(() -> !server.results(id).isEmpty());
            assertThat(server.results(id)).singleElement().extracting(UpMessage.ShadowResult::outcome)
                    .isEqualTo(ShadowOutcome.TUNNEL_FAILED);
        }

        // a client let go ends its thread once it is collected; only threads started during the test count
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            System.gc();
            return httpClientThreads().stream().filter(t -> !before.contains(t)).count() <= TunnelOpener.CLIENTS_KEPT;
        });
        assertThat(server.connections.get()).as("UP connections").isEqualTo(1);
    }

    /**
     * A tunnel failure's sentence quotes the host the server named ("cannot find the host …"); quoted whole, a host
     * of 2,000 characters made an answer over the server's limit, and the server closes the link of such a device.
     */
    @Test
    void aTunnelFailureQuotingAHugeHostStaysWithinTheServersLimit() throws Exception {
        start(false);
        String host = ("h".repeat(60) + ".").repeat(33) + "invalid";
        server.send(new UpMessage.ShadowOpen("huge", "wss://" + host + "/shadow/tunnel/huge", "token", null, "admin",
                false, NOT_PROMPTING).toJson());

        await().atMost(WAIT).until(() -> !server.results("huge").isEmpty());
        assertThat(server.results("huge")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ShadowOutcome.TUNNEL_FAILED);
            assertThat(r.message()).startsWith("cannot find the host hhh").hasSizeLessThanOrEqualTo(SERVER_MESSAGE_LIMIT);
        });
    }

    /** The server's text reaches the agent's log one line per event, whatever control characters it holds. */
    @Test
    void namesAndReasonsFromTheServerCannotForgeLogLines() throws Exception {
        start(false);
        server.send(new UpMessage.ShadowOpen("forged", "wss://127.0.0.1:1/shadow/tunnel/forged", "token", null,
                "x\nFORGED admin", false, NOT_PROMPTING).toJson());
        await().atMost(WAIT).until(() -> !server.results("forged").isEmpty());

        server.welcomeDeviceId = "5\nFORGED device";
        server.closeLast(1000, "bye\nFORGED reason");
        await().atMost(WAIT).until(() -> connectorLog.events().stream()
                .anyMatch(e -> e.getFormattedMessage().startsWith("online as device 5")
                        && e.getFormattedMessage().contains("FORGED device")));

        List<String> lines = new ArrayList<>();
        for (CapturedLog log : List.of(connectorLog, sessionLog, joinLog)) {
            log.events().forEach(e -> lines.addAll(e.getFormattedMessage().lines().toList()));
        }
        // the close reason is not required to arrive: on a loaded machine the client may see the close as abnormal
        // (1006) instead; its sentence is shadow-protocol's LinkEnd, whose LinkEndTest shows a reason quoted as text
        assertThat(lines).as("what was logged").anyMatch(l -> l.contains("FORGED admin"))
                .noneMatch(l -> l.startsWith("FORGED"));
    }

    /** The selector threads of the JDK's HTTP clients in this JVM, one per live client. */
    private static Set<Thread> httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }

    @Test
    void oddIdsAndTokensAreNeitherAskedNorEchoedBeyondTheServersLimits() throws Exception {
        start();
        List<String> ids = List.of("i".repeat(65), "s\u0001", "s\n1", "x".repeat(5000));
        for (String id : ids) {
            server.send(open(id).toJson());
        }
        server.send(open("t1", "wss://127.0.0.1:1/shadow/tunnel/t1", "tok\r\nX-Injected: yes").toJson());
        server.send(open("t2", "wss://127.0.0.1:1/shadow/tunnel/t2", "").toJson());
        server.send(open("t3", "wss://127.0.0.1:1/shadow/tunnel/t3", "t".repeat(5000)).toJson());
        for (int i = 0; i < 500; i++) {
            server.send(open("s\n" + i).toJson());
        }
        server.send(open("last", "wss://127.0.0.1:1/shadow/tunnel/last", null).toJson());

        await().atMost(WAIT).until(() -> !server.results("last").isEmpty());
        Thread.sleep(500);
        assertThat(sessionsLog.events()).as("log lines about 507 unusable requests")
                .hasSizeLessThanOrEqualTo(RepeatedWarning.PER_MINUTE);
        for (String id : ids) {
            assertThat(server.results(id)).as("an answer to session id %s…", id.substring(0, 2)).isEmpty();
        }
        for (String id : List.of("t1", "t2", "t3", "last")) {
            assertThat(server.results(id)).as(id).hasSize(1).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(ShadowOutcome.ERROR);
                assertThat(r.message()).hasSizeLessThanOrEqualTo(SERVER_MESSAGE_LIMIT);
            });
        }
        assertThat(asked).isEmpty();
        assertThat(vncConnections.get()).isZero();
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void unknownAndWrongWayMessagesAndOversizedFramesLeaveTheAgentWorking() throws Exception {
        start();
        server.send("{\"type\":\"no.such.type\"}");
        server.send(new UpMessage.Hello("x", "u", "m", "12", "1", null).toJson());
        server.send(new UpMessage.ShadowResult("s", ShadowOutcome.ACCEPTED, null).toJson());
        server.send(new UpMessage.ShadowPasswordVerdict("nobody-asked", true, "admin", PROMPTING).toJson());
        server.send(new UpMessage.Welcome("5", 0).toJson());
        server.send(new UpMessage.Welcome("5", -7).toJson());
        for (int i = 0; i < 500; i++) {
            server.send("{not json " + i);
        }
        server.send(open("after").toJson());

        await().atMost(WAIT).until(() -> !asked.isEmpty());
        assertThat(asked).extracting(ConsentPrompt.Request::sessionId).containsExactly("after");
        assertThat(server.connections.get()).as("UP connections").isEqualTo(1);
        assertThat(connectorLog.events()).as("log lines about the 500 malformed messages")
                .filteredOn(e -> e.getFormattedMessage().contains("malformed"))
                .hasSizeLessThanOrEqualTo(RepeatedWarning.PER_MINUTE);

        server.send("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(70_000) + "\"}");

        await().atMost(WAIT).until(() -> server.connections.get() == 2 && agent.isConnected());
    }
}
