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
 * What the server takes from a gateway's {@code device.up}: a hello counts only with the device's own credential
 * and from an IP address, so a gateway (or whoever holds its secret) cannot announce a device it did not
 * authenticate, nor take over a directly connected one; the device's later messages follow its checked hello. The
 * server closing such a device (a refused message, a replaced credential) forgets the link and takes the device
 * offline, so what it still sends counts as not greeted; closing a link a newer hello replaced leaves the newer one.
 * (That the gateway then closes the device's socket is shown with a real gateway, {@code
 * ServerClosesGatewayDeviceTest} in the icg module.)
 */
class GatewayClientTest {
    private static final String CREDENTIAL = "credential-of-device-7";
    private static final String HELLO = new UpMessage.Hello("Kiosk 7", "unit-7", "00:11", "12", "test", null).toJson();
    private static final String HEARTBEAT = new UpMessage.Heartbeat(1).toJson();

    private final List<String> delivered = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();
    private final List<DeviceLink> links = new ArrayList<>();
    private final GatewayClient client = new GatewayClient(new GatewayTarget("https://127.0.0.1:1",
            "00".repeat(32)), "a-secret-of-sixteen-chars", new Events(), GatewayLease.ALWAYS);

    @AfterEach
    void close() {
        client.close();
    }

    private void deviceUp(String deviceId, String remoteIp, String message, String credential) {
        client.received(new GatewayMessage.DeviceUp(deviceId, remoteIp, message, credential).toJson());
    }

    @Test
    void aHelloWithTheDevicesCredentialBringsItOnlineAndItsLaterMessagesFollow() {
        deviceUp("7", "192.0.2.7", HELLO, CREDENTIAL);
        deviceUp("7", "192.0.2.7", HEARTBEAT, null);

        assertThat(checked).containsExactly("7:" + CREDENTIAL);
        assertThat(delivered).containsExactly("7 Hello greeted=false", "7 Heartbeat greeted=true");
    }

    @Test
    void aHelloWithAWrongOrMissingCredentialIsIgnored() {
        deviceUp("7", "192.0.2.7", HELLO, "guessed");
        deviceUp("7", "192.0.2.7", HELLO, null);

        assertThat(checked).containsExactly("7:guessed", "7:null");
        assertThat(delivered).isEmpty();
    }

    @Test
    void messagesOfADeviceWhoseHelloWasRefusedAreNotTakenAsGreeted() {
        deviceUp("7", "192.0.2.7", HELLO, "guessed");
        deviceUp("7", "192.0.2.7", HEARTBEAT, null);

        assertThat(delivered).as("the dispatcher refuses a message before hello").containsExactly(
                "7 Heartbeat greeted=false");
    }

    @Test
    void aDeviceAddressThatIsNotAnIpAddressIsIgnored() {
        deviceUp("7", "attacker.example", HELLO, CREDENTIAL);
        deviceUp("7", "192.0.2.7:5900", HELLO, CREDENTIAL);
        deviceUp("7", "2001:db8::7", HELLO, CREDENTIAL);

        assertThat(delivered).containsExactly("7 Hello greeted=false");
    }

    @Test
    void theGatewaysDeviceAuthenticationAsksTheSameCheck() {
        client.received(new GatewayMessage.DeviceAuth("r1", "7", CREDENTIAL).toJson());
        client.received(new GatewayMessage.DeviceAuth("r2", "7", "guessed").toJson());

        assertThat(checked).containsExactly("7:" + CREDENTIAL, "7:guessed");
    }

    /** Links are keyed by the id's text: another spelling of device 7 would be a link the server's close misses. */
    @Test
    void anIdSpelledOtherwiseThanTheServerWritesItIsNeitherCheckedNorTaken() {
        client.received(new GatewayMessage.DeviceAuth("r1", "07", CREDENTIAL).toJson());
        client.received(new GatewayMessage.DeviceAuth("r2", "+7", CREDENTIAL).toJson());
        deviceUp("007", "192.0.2.7", HELLO, CREDENTIAL);

        assertThat(checked).isEmpty();
        assertThat(delivered).isEmpty();
    }

    @Test
    void aClosedLinkIsForgottenAndTheDeviceOfflineSoItsLaterMessagesAreNotGreeted() {
        deviceUp("7", "192.0.2.7", HELLO, CREDENTIAL);

        links.get(0).close("too many hello messages; connect again in a minute");
        deviceUp("7", "192.0.2.7", HEARTBEAT, null);

        assertThat(delivered).containsExactly("7 Hello greeted=false",
                "7 down: too many hello messages; connect again in a minute", "7 Heartbeat greeted=false");
    }

    @Test
    void closingALinkANewerHelloReplacedLeavesTheNewerOne() {
        deviceUp("7", "192.0.2.7", HELLO, CREDENTIAL);
        deviceUp("7", "192.0.2.7", HELLO, CREDENTIAL);

        links.get(0).close("the device's credential was replaced by an approved re-enrollment");
        deviceUp("7", "192.0.2.7", HEARTBEAT, null);

        assertThat(delivered).containsExactly("7 Hello greeted=false", "7 down: reconnected", "7 Hello greeted=true",
                "7 Heartbeat greeted=true");
    }

    /** Device 7's credential is {@link #CREDENTIAL}; records what the client asks, the links and what it delivers. */
    private final class Events implements GatewayEvents {
        @Override
        public GatewayMessage.EnrollResult enroll(GatewayMessage.EnrollRequest request) {
            throw new AssertionError("no enrollment in these tests");
        }

        @Override
        public boolean authenticate(String deviceId, String credential) {
            checked.add(deviceId + ":" + credential);
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
