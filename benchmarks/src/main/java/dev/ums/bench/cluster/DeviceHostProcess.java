package dev.ums.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's side of a {@link DeviceHost}: starts it on this JVM's Java and class path, tells it to connect, and
 * keeps the count of its devices online that it prints. Its error output goes to a file in the work directory.
 * Called by the benchmark's main thread; a daemon thread reads the host's output.
 */
final class DeviceHostProcess implements AutoCloseable {
    private final Process process;
    private final AtomicInteger enrolled = new AtomicInteger(-1);
    private final AtomicInteger online = new AtomicInteger();

    private DeviceHostProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "device-host-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a host enrolling {@code count} devices from number {@code first} (see {@link DeviceHost}). */
    static DeviceHostProcess start(Path work, String enrollUrl, String fingerprint, String enrollmentToken, int first,
                                   int firstAddress, int count, List<String> balancers, int devicesPerAddress)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx4g", "-Dbench.devicesPerAddress=" + devicesPerAddress,
                "-cp", System.getProperty("java.class.path"), DeviceHost.class.getName(), enrollUrl, fingerprint,
                enrollmentToken, String.valueOf(first), String.valueOf(firstAddress), String.valueOf(count),
                String.join(",", balancers)));
        return new DeviceHostProcess(new ProcessBuilder(cmd)
                .redirectError(work.resolve("device-host-" + first + ".err").toFile()).start());
    }

    /** Waits until the host enrolled its devices; answers how many. */
    int awaitEnrolled(long timeoutSeconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (enrolled.get() < 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the device host did not enroll its devices (exit "
                        + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
            }
            Thread.sleep(200);
        }
        return enrolled.get();
    }

    /** Lets the host connect its devices. */
    void connect() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("connect\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    /** The host's devices online, as it last printed (once a second). */
    int online() {
        return online.get();
    }

    long pid() {
        return process.pid();
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("enrolled ")) {
                    enrolled.set(Integer.parseInt(line.substring(9).trim()));
                } else if (line.startsWith("online ")) {
                    online.set(Integer.parseInt(line.substring(7).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the host ended; its count stays as last printed
        }
    }

    /** Closes the host's input, which drops its devices and ends it; forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
