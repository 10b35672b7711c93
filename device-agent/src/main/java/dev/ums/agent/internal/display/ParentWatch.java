package dev.ums.agent.internal.display;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Ends a window's child JVM ({@link WindowProcess}) once the agent that started it is gone: when its standard input,
 * the pipe the agent holds open, reaches its end, or when its parent process exits (which also covers a pipe end some
 * other process inherited). So even an agent killed with SIGKILL leaves no window behind.
 *
 * <p>Thread: {@link #exitWhenGone} from the child's main thread; the watching runs on a daemon thread of its own and
 * on the JDK's process reaper, and only calls {@link System#exit}.
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    /** Starts watching; returns at once. Exits at once if this process has no parent any more. */
    public static void exitWhenGone() {
        Thread input = new Thread(() -> {
            try (InputStream in = System.in) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // a broken pipe is as much the agent's end as a closed one
            }
            System.exit(0);
        }, "ums-window-agent-input");
        input.setDaemon(true);
        input.start();
        ProcessHandle.current().parent().ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }
}
