package dev.ums.bench.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A `ums` subcommand run as its own process: reads its `fingerprint:` and `ready:` lines, and its /proc figures. */
public final class UmsProcess implements AutoCloseable {
    private final Process process;
    private String fingerprint;
    private String url;

    private UmsProcess(Process process) {
        this.process = process;
    }

    public static UmsProcess start(Path jar, Path work, String command, List<String> args, List<String> jvm) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toString(), command));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(work.resolve(command + ".err").toFile());
        pb.environment().put("UMS_ICG_SECRET", "bench-gateway-secret");
        pb.environment().put("UMS_ENROLLMENT_TOKEN", "bench-enroll");
        pb.environment().put("UMS_ADMIN_PASSWORD", "bench-admin");
        UmsProcess p = new UmsProcess(pb.start());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.process.getInputStream()));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("fingerprint: ")) {
                p.fingerprint = line.substring(13).trim();
            } else if (line.startsWith("ready: ")) {
                p.url = line.substring(7).trim();
                break;
            }
        }
        if (p.url == null) {
            throw new IOException("ums " + command + " did not start; see " + work.resolve(command + ".err"));
        }
        return p;
    }

    public String url() {
        return url;
    }

    public String fingerprint() {
        return fingerprint;
    }

    long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The process's live threads, from {@code /proc}. */
    public int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The Java heap in use right after a full collection the process is asked for with {@code jcmd}, in MiB. */
    public long heapAfterCollectionMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), what).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor();
        return out;
    }

    /** User plus system CPU time in clock ticks (1/100 s). */
    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** {@code kill -9}: the process gets no chance to write anything more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
