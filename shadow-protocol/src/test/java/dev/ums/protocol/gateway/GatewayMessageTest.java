package dev.ums.protocol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code device.up} on the wire: a hello goes with the device's credential, other messages without the field. */
class GatewayMessageTest {
    @Test
    void aHellosDeviceUpCarriesTheCredentialAndReadsBackTheSame() throws Exception {
        GatewayMessage.DeviceUp hello = new GatewayMessage.DeviceUp("7", "192.0.2.7", "{\"type\":\"hello\"}", "c-7");

        assertThat(hello.toJson()).isEqualTo("{\"type\":\"device.up\",\"deviceId\":\"7\",\"remoteIp\":\"192.0.2.7\","
                + "\"message\":\"{\\\"type\\\":\\\"hello\\\"}\",\"credential\":\"c-7\"}");
        assertThat(GatewayMessage.parse(hello.toJson())).isEqualTo(hello);
    }

    @Test
    void anotherMessagesDeviceUpHasNoCredentialField() throws Exception {
        GatewayMessage.DeviceUp heartbeat = new GatewayMessage.DeviceUp("7", "192.0.2.7", "{}", null);

        assertThat(heartbeat.toJson()).isEqualTo(
                "{\"type\":\"device.up\",\"deviceId\":\"7\",\"remoteIp\":\"192.0.2.7\",\"message\":\"{}\"}");
        assertThat(GatewayMessage.parse(heartbeat.toJson())).isEqualTo(heartbeat);
    }
}
