package dev.ums.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The demo desktop's model and picture, without any viewer. */
class DemoDesktopTest {
    private static int pixel(DemoDesktop d, int x, int y) {
        return d.read(p -> p[y * DesktopScene.WIDTH + x]) & 0xffffff;
    }

    @Test
    void thePointerLeavesATrailThatFades() throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T10:20:30Z"), ZoneOffset.UTC);
        try (DemoDesktop desktop = DemoDesktop.start("t", fixed)) {
            int background = pixel(desktop, 250, 560);
            desktop.pointer(200, 560, 0);
            desktop.pointer(300, 560, 0);
            assertThat(pixel(desktop, 250, 560)).as("trail").isEqualTo(0xf59e0b);
            desktop.pointer(300, 560, 1);
            assertThat(pixel(desktop, 300, 553)).as("click dot").isEqualTo(0xef4444);
            assertThat(background).isNotEqualTo(0xf59e0b);
        }
    }
}
