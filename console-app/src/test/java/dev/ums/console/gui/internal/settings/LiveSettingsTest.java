package dev.ums.console.gui.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running console's settings: a change that cannot be written is said, once, in a sentence. */
class LiveSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aSaveThatFailsIsSaidOnceInASentenceAndTheChangeStaysInEffect() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("ums-console"), "a file where the folder should be");
        LiveSettings live = new LiveSettings(new SettingsStore(notAFolder), ConsoleSettings.defaults());
        List<String> said = new CopyOnWriteArrayList<>();
        List<Boolean> onEventThread = new CopyOnWriteArrayList<>();
        live.onSaveFailure(sentence -> {
            said.add(sentence);
            onEventThread.add(SwingUtilities.isEventDispatchThread());
        });

        live.change(s -> s.withLogin("a:8443", "admin"));
        live.change(s -> s.withLogin("b:8443", "admin"));
        live.flush();
        SwingUtilities.invokeAndWait(() -> { });

        await().atMost(Duration.ofSeconds(10)).until(() -> !said.isEmpty());
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).startsWith("The settings could not be saved in " + notAFolder + " (")
                .endsWith("); the changes apply until the console quits.");
        assertThat(onEventThread).containsExactly(true);
        assertThat(live.get().servers()).containsExactly("b:8443", "a:8443");
    }
}
