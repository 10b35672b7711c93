package dev.ums.agent.internal.display;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShownAdminTest {
    @Test
    void aNameIsShownAsItIsWhenItFits() {
        assertThat(ShownAdmin.of("admin")).isEqualTo("admin");
    }

    @Test
    void noNameIsAnAdministrator() {
        assertThat(ShownAdmin.of(null)).isEqualTo("an administrator");
        assertThat(ShownAdmin.of("  ")).isEqualTo("an administrator");
    }

    @Test
    void aLongOrOddNameIsCutAndItsControlCharactersReplaced() {
        assertThat(ShownAdmin.of("x".repeat(5_000))).isEqualTo("x".repeat(48) + "…");
        assertThat(ShownAdmin.of("eve\nroot\u0007")).isEqualTo("eve?root?");
    }
}
