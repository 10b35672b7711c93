package dev.ums.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    @Test
    void groupsOfDevicesGetLoopbackAddressesFrom127_1_0_1WithoutNetworkOrBroadcastNumbers() {
        assertThat(SourceAddresses.address(0).getHostAddress()).isEqualTo("127.1.0.1");
        assertThat(SourceAddresses.address(249).getHostAddress()).isEqualTo("127.1.0.250");
        assertThat(SourceAddresses.address(250).getHostAddress()).isEqualTo("127.1.1.1");
        assertThat(SourceAddresses.address(1249).getHostAddress()).isEqualTo("127.1.4.250");
    }

    @Test
    void atLeastOneDevicePerAddress() {
        assertThat(new SourceAddresses(0).perAddress()).isEqualTo(1);
        assertThat(new SourceAddresses(8).perAddress()).isEqualTo(8);
    }
}
