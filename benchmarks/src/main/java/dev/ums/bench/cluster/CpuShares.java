package dev.ums.bench.cluster;

import dev.ums.testkit.process.ProcessThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the machine's CPU went between two moments: the ticks (1/100 s) of named groups of processes, read from
 * {@code /proc/<pid>/stat}, and of the whole machine from {@code /proc/stat}, so that a figure such as "the devices of
 * a killed node came back in 20 s" can say which process spent the cores meanwhile. Main thread only.
 */
final class CpuShares {
    /** A named group of processes, chosen again at each reading (processes come and go). */
    private record Party(String name, Predicate<ProcessHandle> member) {
    }

    private final List<Party> parties = new ArrayList<>();
    /** Each party's processes and their ticks at {@link #begin()}. */
    private Map<String, Map<Long, Long>> start = Map.of();
    private long machineStart;
    private long wallStart;

    /** Counts the process {@code pid} as {@code name}. */
    CpuShares process(String name, long pid) {
        parties.add(new Party(name, p -> p.pid() == pid));
        return this;
    }

    /** Counts every process whose command's file name is {@code executable} (e.g. {@code postgres}) as {@code name}. */
    CpuShares command(String name, String executable) {
        parties.add(new Party(name, p -> p.info().command()
                .map(c -> Path.of(c).getFileName().toString().equals(executable)).orElse(false)));
        return this;
    }

    /** Takes the first reading. */
    void begin() throws IOException {
        start = read();
        machineStart = machineBusyTicks();
        wallStart = System.nanoTime();
    }

    /** The CPU seconds of each party and of the machine since {@link #begin()}, and the wall time, as one sentence. */
    String since() throws IOException {
        Map<String, Map<Long, Long>> now = read();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double machine = (machineBusyTicks() - machineStart) / 100.0;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%.1f s of CPU in %.1f s (%.2f cores busy): ", machine, wall, machine / wall));
        double named = 0;
        for (Party party : parties) {
            double seconds = spent(now, party.name());
            named += seconds;
            out.append(String.format(Locale.ROOT, "%s %.1f s, ", party.name(), seconds));
        }
        return out.append(String.format(Locale.ROOT, "others %.1f s", machine - named)).toString();
    }

    /** The CPU seconds of the party {@code name} since {@link #begin()}. */
    double secondsOf(String name) {
        return spent(read(), name);
    }

    /**
     * The seconds the party's processes spent since {@link #begin()}, by those still running (one that ended
     * meanwhile, such as a database backend of the killed node, takes its ticks with it).
     */
    private double spent(Map<String, Map<Long, Long>> now, String name) {
        Map<Long, Long> before = start.getOrDefault(name, Map.of());
        long ticks = 0;
        for (Map.Entry<Long, Long> p : now.getOrDefault(name, Map.of()).entrySet()) {
            ticks += p.getValue() - before.getOrDefault(p.getKey(), 0L);
        }
        return ticks / 100.0;
    }

    private Map<String, Map<Long, Long>> read() {
        Map<String, Map<Long, Long>> ticks = new LinkedHashMap<>();
        List<ProcessHandle> all = ProcessHandle.allProcesses().toList();
        for (Party party : parties) {
            Map<Long, Long> byPid = new LinkedHashMap<>();
            for (ProcessHandle p : all) {
                if (party.member().test(p)) {
                    byPid.put(p.pid(), processTicks(p.pid()));
                }
            }
            ticks.put(party.name(), byPid);
        }
        return ticks;
    }

    /** User plus system ticks of one process (its dead children not included); 0 when it is gone. */
    static long processTicks(long pid) {
        try {
            return ProcessThreads.processTicks(pid);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's busy ticks (all but idle and I/O wait) from the first line of {@code /proc/stat}. */
    private static long machineBusyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }
}
