package dev.ums.launcher;

/** Opens the console window of {@code ums demo}, logged in to the demo server. */
final class DemoConsole {
    private DemoConsole() {
    }

    /** Shows the console; {@code onClosed} runs when the user closes its window. */
    static void open(DemoCluster cluster, Runnable onClosed) {
        throw new UnsupportedOperationException("the console window is not part of this build yet; use --headless");
    }
}
