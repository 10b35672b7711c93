package dev.ums.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code ums} processes one test class starts, closed together when the class is done. */
final class UmsProcesses implements AutoCloseable {
    private final List<UmsProcess> started = new ArrayList<>();

    /** {@link UmsProcess#start}, remembered for {@link #close()}. */
    synchronized UmsProcess start(String name, Path logDir, Map<String, String> env, String... args) throws IOException {
        UmsProcess process = UmsProcess.start(name, logDir, env, args);
        started.add(process);
        return process;
    }

    @Override
    public synchronized void close() {
        started.forEach(UmsProcess::close);
        started.clear();
    }
}
