package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncView;
import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * Where a key press spends its time before it leaves a viewer, on loopback (not a test): a 1280×800 Xvnc with an
 * xterm; the viewer (ours in this JVM, or {@code vncviewer} with {@code vncviewer} as first argument) draws into the
 * display this JVM runs on and reaches Xvnc through a relay here that stamps each chunk the viewer sends; a key
 * presser in a JVM of its own presses a letter through XTEST every 600 ms and stamps the press. All stamps are
 * {@link System#nanoTime()} (one monotonic clock for every process on the machine). For ours it also stamps the
 * key event's dispatch on the event thread (after the X server and AWT's toolkit thread have handed it on), which
 * splits the time into the hops before our code and the hand-over to our writer thread. The chunk a key leaves in
 * is 8 bytes (a key message; 16 with its release) for ours, 12 (24) for {@code vncviewer}, which sends QEMU's
 * extended key messages. Prints per key and the medians.
 * Arguments: [ours|vncviewer] [keys]. Threads: {@code main} drives; relay threads; the event thread.
 */
public final class KeyHopBenchmark {
    private static final ConcurrentLinkedQueue<long[]> SENT = new ConcurrentLinkedQueue<>();
    private static volatile long dispatched;

    private KeyHopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean tiger = args.length > 0 && args[0].equals("vncviewer");
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        try (XvncServer xvnc = XvncServer.start(1280, 800); ServerSocket relay = new ServerSocket(0)) {
            Process xterm = BenchProcesses.startQuiet(List.of("xterm", "-geometry", "80x20+20+20"), xvnc.display());
            Thread.sleep(1500);
            Thread accept = new Thread(() -> relay(relay, xvnc), "relay-accept");
            accept.setDaemon(true);
            accept.start();
            Process viewer = null;
            VncSession session = null;
            if (tiger) {
                viewer = new ProcessBuilder("vncviewer", "-geometry", "+0+0", "127.0.0.1::" + relay.getLocalPort())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } else {
                Toolkit.getDefaultToolkit().getSystemEventQueue().push(new StampingQueue());
                Socket s = new Socket("127.0.0.1", relay.getLocalPort());
                s.setTcpNoDelay(true);
                session = new VncSession(s.getInputStream(), s.getOutputStream(), VncSettings.builder().build());
                VncSession started = session.start();
                SwingUtilities.invokeAndWait(() -> {
                    JFrame frame = new JFrame("KeyHop");
                    frame.add(new VncView(started));
                    frame.setBounds(0, 0, 1300, 850);
                    frame.setVisible(true);
                });
            }
            Thread.sleep(4000);
            if (tiger) {
                BenchProcesses.startQuiet(List.of("xdotool", "search", "--onlyvisible", "--class", "TigerVNC",
                        "windowfocus"), System.getenv("DISPLAY")).waitFor(10, TimeUnit.SECONDS);
            }
            Process presser = new ProcessBuilder(BenchProcesses.java(), "-cp", System.getProperty("java.class.path"),
                    KeyHopBenchmark.class.getName() + "$Presser").redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            PrintStream toPresser = new PrintStream(presser.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader fromPresser = new BufferedReader(new InputStreamReader(presser.getInputStream(),
                    StandardCharsets.UTF_8));
            toPresser.println("focus 600 400");
            fromPresser.readLine();
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                Thread.sleep(600);
                SENT.clear();
                toPresser.println("key");
                String[] w = fromPresser.readLine().split(" ");
                long before = Long.parseLong(w[0]);
                long after = Long.parseLong(w[1]);
                Thread.sleep(150);
                long[] first = SENT.stream()
                        .filter(c -> c[0] >= before && (c[1] == 8 || c[1] == 16 || c[1] == 12 || c[1] == 24))
                        .min(java.util.Comparator.comparingLong(c -> c[0])).orElse(new long[] {-1, 0});
                long sent = first[0];
                if (sent < 0) {
                    SENT.stream().filter(c -> c[0] >= before).limit(5).forEach(c -> System.out.printf(Locale.ROOT,
                            "  chunk %.2f ms %d bytes%n", (c[0] - before) / 1e6, c[1]));
                }
                long bytes = first[1];
                double[] row = {(after - before) / 1e6, ms(dispatched, before), ms(sent, before)};
                rows.add(row);
                System.out.printf(Locale.ROOT, "key %2d: press call %.2f ms, dispatched %.2f, sent %.2f (%d bytes)%n",
                        i, row[0], row[1], row[2], bytes);
            }
            System.out.printf(Locale.ROOT, "%s medians after the press: call returned %.2f, dispatched %.2f, "
                    + "sent %.2f ms%n", tiger ? "vncviewer" : "ours", median(rows, 0), median(rows, 1),
                    median(rows, 2));
            toPresser.close();
            presser.destroy();
            if (viewer != null) {
                viewer.destroy();
            }
            if (session != null) {
                session.close();
            }
            xterm.destroy();
        }
        // Only after Xvnc has been closed: AWT's threads would keep this JVM alive.
        System.exit(0);
    }

    private static double ms(long t, long origin) {
        return t <= 0 ? -1 : (t - origin) / 1e6;
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    private static void relay(ServerSocket relay, XvncServer xvnc) {
        try {
            while (true) {
                Socket client = relay.accept();
                Socket server = new Socket(xvnc.host(), xvnc.port());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pump(client.getInputStream(), server.getOutputStream(), true);
                pump(server.getInputStream(), client.getOutputStream(), false);
            }
        } catch (IOException e) {
            // the benchmark ends
        }
    }

    private static void pump(InputStream in, OutputStream out, boolean stamp) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (stamp) {
                        SENT.add(new long[] {System.nanoTime(), n});
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // closed
            }
        }, stamp ? "relay-up" : "relay-down");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Stamps key presses as the event thread begins to dispatch them. (The toolkit thread's posting cannot be
     * stamped here: it reaches a pushed queue by a private path.)
     */
    private static final class StampingQueue extends EventQueue {
        @Override
        protected void dispatchEvent(AWTEvent e) {
            if (e.getID() == KeyEvent.KEY_PRESSED) {
                dispatched = System.nanoTime();
            }
            super.dispatchEvent(e);
        }
    }

    /** Presses keys through XTEST in a JVM of its own: {@code focus X Y} clicks; {@code key} answers two stamps. */
    public static final class Presser {
        private Presser() {
        }

        public static void main(String[] args) throws Exception {
            Robot robot = new Robot();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int letter = 0;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("focus")) {
                    String[] w = line.split(" ");
                    robot.mouseMove(Integer.parseInt(w[1]), Integer.parseInt(w[2]));
                    robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
                    robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
                    System.out.println("ok");
                } else {
                    int key = KeyEvent.VK_A + letter++ % 26;
                    long before = System.nanoTime();
                    robot.keyPress(key);
                    long after = System.nanoTime();
                    robot.keyRelease(key);
                    System.out.println(before + " " + after);
                }
                System.out.flush();
            }
        }
    }
}
