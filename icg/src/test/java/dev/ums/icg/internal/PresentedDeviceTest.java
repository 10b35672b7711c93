package dev.ums.icg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresentedDeviceTest {
    private static final String CREDENTIAL = "Qm9vbGVhbkNyZWRlbnRpYWxPZkZvcnR5VGhyZWVDaGE";

    @Test
    void theServersSpellingOfAnIdAndACredentialAreTaken() {
        assertThat(PresentedDevice.parse("Device 42:" + CREDENTIAL))
                .contains(new PresentedDevice("42", CREDENTIAL));
        assertThat(PresentedDevice.parse("Device 9223372036854775807:" + CREDENTIAL)).isPresent();
        assertThat(PresentedDevice.parse("Device 42:a:b")).contains(new PresentedDevice("42", "a:b"));
    }

    @Test
    void anIdTheServerWouldReadAsAnotherSpellingsNumberIsRefused() {
        for (String id : new String[] {"042", "+42", "-42", "0", "00", "٤٢", "4 2", "", "9223372036854775808",
                "1".repeat(20), "0".repeat(3000) + "42"}) {
            assertThat(PresentedDevice.parse("Device " + id + ":" + CREDENTIAL)).as(id).isEmpty();
        }
    }

    @Test
    void aCredentialThatIsNotOneHeaderTokenOrTooLongIsRefused() {
        assertThat(PresentedDevice.parse("Device 42:")).isEmpty();
        assertThat(PresentedDevice.parse("Device 42:with space")).isEmpty();
        assertThat(PresentedDevice.parse("Device 42:tab\there")).isEmpty();
        assertThat(PresentedDevice.parse("Device 42:" + "x".repeat(PresentedDevice.MAX_CREDENTIAL + 1))).isEmpty();
        assertThat(PresentedDevice.parse("Device 42:" + "x".repeat(PresentedDevice.MAX_CREDENTIAL))).isPresent();
    }

    @Test
    void otherSchemesAndNoColonAreRefused() {
        assertThat(PresentedDevice.parse(null)).isEmpty();
        assertThat(PresentedDevice.parse("Bearer 42:" + CREDENTIAL)).isEmpty();
        assertThat(PresentedDevice.parse("Device 42")).isEqualTo(Optional.empty());
    }

    @Test
    void itsTextLeavesTheCredentialOut() {
        assertThat(PresentedDevice.parse("Device 42:" + CREDENTIAL).orElseThrow().toString())
                .doesNotContain(CREDENTIAL);
    }
}
