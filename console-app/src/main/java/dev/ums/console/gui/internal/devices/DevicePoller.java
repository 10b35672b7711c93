package dev.ums.console.gui.internal.devices;

import dev.ums.console.core.ImiClient;
import dev.ums.console.gui.internal.Edt;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the device list current while the main window is open: asks the server for devices and directories
 * every few seconds on its own thread (one poll at a time, never overlapping) and hands each result or
 * failure to the event thread.
 */
public final class DevicePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    private final ImiClient client;
    private final Consumer<DeviceSnapshot> onSnapshot;
    private final Consumer<Throwable> onFailure;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "device-poller");
        t.setDaemon(true);
        return t;
    });

    public DevicePoller(ImiClient client, Consumer<DeviceSnapshot> onSnapshot, Consumer<Throwable> onFailure) {
        this.client = client;
        this.onSnapshot = onSnapshot;
        this.onFailure = onFailure;
    }

    private java.util.concurrent.ScheduledFuture<?> schedule;

    /** Polls at once and then every {@code seconds}; called again, it replaces the interval. */
    public synchronized void start(int seconds) {
        if (thread.isShutdown()) {
            return;
        }
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = thread.scheduleWithFixedDelay(this::pollOnce, 0, seconds, TimeUnit.SECONDS);
    }

    /** Polls as soon as the poller thread is free (the Refresh button). */
    public void refreshNow() {
        if (!thread.isShutdown()) {
            thread.execute(this::pollOnce);
        }
    }

    private void pollOnce() {
        try {
            DeviceSnapshot snapshot = new DeviceSnapshot(client.thinClients(), client.directories(), Instant.now());
            Edt.run(() -> onSnapshot.accept(snapshot));
        } catch (Exception e) {
            LOG.debug("device poll failed", e);
            Edt.run(() -> onFailure.accept(e));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
