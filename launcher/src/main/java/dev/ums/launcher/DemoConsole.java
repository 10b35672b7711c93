package dev.ums.launcher;

/**
 * The console window of {@code ums demo}. Stand-in until the console GUI ({@code dev.ums.console.gui}) is part of
 * the build: then this opens its main window, already logged in to the demo server.
 */
final class DemoConsole {
    private DemoConsole() {
    }

    /** Would start the window system while the demo starts; until then, fails before anything runs. */
    static void prepare() {
        throw new IllegalStateException("the console window is not part of this build yet; run the demo with --headless");
    }

    /** Would show the console; {@code onQuit} runs once when the user quits. */
    static DemoConsole open(DemoCluster cluster, Runnable onQuit) {
        throw new IllegalStateException("the console window is not part of this build yet; run the demo with --headless");
    }

    /** Closes the window if the user has not; for the demo's shutdown. */
    void close() {
    }
}
