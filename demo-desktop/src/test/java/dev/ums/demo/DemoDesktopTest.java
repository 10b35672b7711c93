package dev.ums.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.ums.demo.internal.vnc.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"OS 12, reached through the Cloud Gateway",
        "OS 11, a device in the east wing of building seven whose description does not fit on any line"})
    void theGreetingStaysInsideItsWindow(String description) {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T10:20:30Z"), ZoneOffset.UTC);
        Rect greeting = DesktopScene.GREETING;
        Rect window = DesktopScene.WINDOW;
        try (DemoDesktop desktop = DemoDesktop.start("a-device-with-a-name-longer-than-its-window", description, fixed)) {
            for (int y = greeting.y(); y < greeting.bottom(); y++) {
                for (int x = greeting.right(); x < window.right(); x++) {
                    assertThat(pixel(desktop, x, y)).as("window background at %d,%d", x, y).isEqualTo(0xf9fafb);
                }
            }
            long inked = 0;
            for (int y = greeting.y(); y < greeting.bottom(); y++) {
                for (int x = greeting.x(); x < greeting.right(); x++) {
                    inked += pixel(desktop, x, y) != 0xf9fafb ? 1 : 0;
                }
            }
            assertThat(inked).as("pixels of the heading and subtitle").isGreaterThan(1000);
        }
    }
}
