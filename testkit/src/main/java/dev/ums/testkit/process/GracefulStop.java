package dev.ums.testkit.process;

import java.util.concurrent.TimeUnit;

/**
 * Stops a child process the way a service manager does: asks it to end (SIGTERM), gives it 5 s, then kills it and
 * waits up to 5 s more for it to be gone. Any thread; an interrupted caller kills at once and keeps its interrupt.
 */
public final class GracefulStop {
    private static final long GRACE_SECONDS = 5;

    private GracefulStop() {
    }

    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
