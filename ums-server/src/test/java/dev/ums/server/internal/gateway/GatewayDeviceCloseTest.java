package dev.ums.server.internal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.GatewayTarget;
import dev.ums.server.internal.link.DeviceLink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server closing a device behind a gateway (a refused message, a replaced credential): the link is forgotten and
 * the device goes offline, so what the device still sends counts as not greeted; closing a link a newer hello of the
 * device replaced leaves the newer one alone. (That the gateway then closes the device's socket is shown with a real
 * gateway, {@code ServerClosesGatewayDeviceTest} in the icg module.)
 */
class GatewayDeviceCloseTest {
    private static final String CREDENTIAL = "credential-of-device-7";
    private static final String HELLO = new UpMessage.Hello("Kiosk 7", "unit-7", "00:11", "12", "test", null).toJson();
    private static final String HEARTBEAT = new UpMessage.Heartbeat(1).toJson();

    private final List<String> delivered = new ArrayList<>();
    private final List<DeviceLink> links = new ArrayList<>();
    private final GatewayClient client = new GatewayClient(new GatewayTarget("https://127.0.0.1:1",
            "00".repeat(32)), "a-secret-of-sixteen-chars", new Events(), GatewayLease.ALWAYS);

    @AfterEach
    void close() {
        client.close();
    }

    private void deviceUp(String message, String credential) {
        client.received(new GatewayMessage.DeviceUp("7", "192.0.2.7", message, credential).toJson());
    }

    @Test
    void aClosedLinkIsForgottenAndTheDeviceOfflineSoItsLaterMessagesAreNotGreeted() {
        deviceUp(HELLO, CREDENTIAL);

        links.get(0).close("too many hello messages; connect again in a minute");
        deviceUp(HEARTBEAT, null);

        assertThat(delivered).containsExactly("7 Hello greeted=false",
                "7 down: too many hello messages; connect again in a minute", "7 Heartbeat greeted=false");
    }

    @Test
    void closingALinkANewerHelloReplacedLeavesTheNewerOne() {
        deviceUp(HELLO, CREDENTIAL);
        deviceUp(HELLO, CREDENTIAL);

        links.get(0).close("the device's credential was replaced by an approved re-enrollment");
        deviceUp(HEARTBEAT, null);

        assertThat(delivered).containsExactly("7 Hello greeted=false", "7 down: reconnected", "7 Hello greeted=true",
                "7 Heartbeat greeted=true");
    }

    /** Device 7's credential is {@link #CREDENTIAL}; records the links and what the client delivers. */
    private final class Events implements GatewayEvents {
        @Override
        public GatewayMessage.EnrollResult enroll(GatewayMessage.EnrollRequest request) {
            throw new AssertionError("no enrollment in these tests");
        }

        @Override
        public boolean authenticate(String deviceId, String credential) {
            return "7".equals(deviceId) && CREDENTIAL.equals(credential);
        }

        @Override
        public void deviceMessage(DeviceLink link, boolean greeted, UpMessage message) {
            links.add(link);
            delivered.add(link.deviceId() + " " + message.getClass().getSimpleName() + " greeted=" + greeted);
        }

        @Override
        public void deviceDown(DeviceLink link, String reason, boolean gatewayDown) {
            delivered.add(link.deviceId() + " down: " + reason);
        }

        @Override
        public void tunnelPaired(String gateway, String sessionId) {
        }

        @Override
        public void tunnelEnded(String gateway, GatewayMessage.TunnelEnded ended) {
        }
    }
}
