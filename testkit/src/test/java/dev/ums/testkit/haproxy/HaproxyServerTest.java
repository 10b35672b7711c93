package dev.ums.testkit.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.net.FreePort;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link HaproxyServer#log}: what the real HAProxy says, here that its health check took a node for dead. */
class HaproxyServerTest {
    @Test
    void theLogSaysWhenTheHealthCheckTakesANodeForDead() throws Exception {
        try (HaproxyServer haproxy = HaproxyServer.start(List.of(FreePort.pick()))) { // nobody listens there
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!haproxy.log().contains("node1 is DOWN") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(haproxy.log()).contains("Server ums_nodes/node1 is DOWN");
        }
    }
}
