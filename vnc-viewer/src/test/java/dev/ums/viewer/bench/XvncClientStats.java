package dev.ums.viewer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Xvnc sent one client, from the statistics it logs when the client leaves ("closing
 * 127.0.0.1::PORT: reason", then "Framebuffer updates: N" and the encoder's totals).
 *
 * @param port    the client's TCP port, which tells two clients of the same run apart
 * @param updates FramebufferUpdate messages sent
 * @param mpixels pixels sent, in millions
 * @param mib     encoded bytes sent, in MiB
 */
record XvncClientStats(int port, long updates, double mpixels, double mib) {
    private static final Pattern CLOSING = Pattern.compile("closing [^\\s:]+::(\\d+):");
    private static final Pattern TOTAL = Pattern.compile(
            "Framebuffer updates: (\\d+).*?Total: [0-9.]+ k?rects, ([0-9.]+) (k|M|G)?pixels\\s+EncodeManager:\\s+([0-9.]+) (B|KiB|MiB|GiB)",
            Pattern.DOTALL);

    /** Every departed client's statistics, in the order the clients left. */
    static List<XvncClientStats> parse(String log) {
        List<XvncClientStats> all = new ArrayList<>();
        Matcher closing = CLOSING.matcher(log);
        List<int[]> starts = new ArrayList<>();
        while (closing.find()) {
            starts.add(new int[] {closing.start(), Integer.parseInt(closing.group(1))});
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : log.length();
            Matcher m = TOTAL.matcher(log.substring(starts.get(i)[0], end));
            if (m.find()) {
                all.add(new XvncClientStats(starts.get(i)[1], Long.parseLong(m.group(1)),
                        Double.parseDouble(m.group(2)) * pixelUnit(m.group(3)),
                        Double.parseDouble(m.group(4)) * byteUnit(m.group(5))));
            }
        }
        return all;
    }

    private static double pixelUnit(String prefix) {
        return switch (prefix == null ? "" : prefix) {
            case "k" -> 1e-3;
            case "M" -> 1;
            case "G" -> 1e3;
            default -> 1e-6;
        };
    }

    private static double byteUnit(String unit) {
        return switch (unit) {
            case "B" -> 1.0 / (1 << 20);
            case "KiB" -> 1.0 / 1024;
            case "GiB" -> 1024;
            default -> 1;
        };
    }
}
