package dev.ums.console.gui.internal.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Names in the order people read them. */
class NameOrderTest {
    @Test
    void numbersGoByValueAndLettersWithoutRegardToCase() {
        List<String> names = new ArrayList<>(List.of("kiosk-10", "Kiosk-2", "branch-1", "kiosk-1", "legacy-2",
                "kiosk-2a", "KIOSK-9", "a", "B"));
        names.sort(NameOrder.INSTANCE);
        assertThat(names).containsExactly("a", "B", "branch-1", "kiosk-1", "Kiosk-2", "kiosk-2a", "KIOSK-9",
                "kiosk-10", "legacy-2");
    }

    @Test
    void aMissingNameGoesFirstAndEqualLookingNamesKeepAFixedOrder() {
        List<String> names = Arrays.asList("kiosk-02", null, "kiosk-2", "Kiosk-2", "99999999999999999999999-x",
                "100000000000000000000000-x", "", "kiosk-0002");
        List<String> expected = Arrays.asList(null, "", "99999999999999999999999-x", "100000000000000000000000-x",
                "Kiosk-2", "kiosk-0002", "kiosk-02", "kiosk-2");
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(names, random);
            List<String> sorted = new ArrayList<>(names);
            sorted.sort(NameOrder.INSTANCE);
            assertThat(sorted).as("round %d", round).isEqualTo(expected);
        }
    }
}
