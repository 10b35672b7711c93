package dev.ums.viewer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame benchmarks read their counts from Xvnc's log; the excerpt below is TigerVNC 1.12's Xvnc's own. */
class XvncClientStatsTest {
    /** Two clients of a run as Xvnc logged them: the readiness probe (no updates) and a viewer. */
    private static final String LOG = """
             Connections: accepted: 127.0.0.1::57286
             VNCSConnST:  closing 127.0.0.1::57286: Clean disconnection
             EncodeManager: Framebuffer updates: 0
             EncodeManager:   Total: 0 rects, 0 pixels
             EncodeManager:          0 B (1:-nan ratio)
             Connections: closed: 127.0.0.1::57286
             ComparingUpdateTracker: 0 pixels in / 0 pixels out
             ComparingUpdateTracker: (1:-nan ratio)

            Sun Nov 29 12:28:16 2026
             Connections: accepted: 127.0.0.1::57296

            Sun Nov 29 12:28:17 2026
             SConnection: Client needs protocol version 3.8
             SConnection: Client requests security type None(1)
             VNCSConnST:  Server default pixel format depth 24 (32bpp) little-endian rgb888
             VNCSConnST:  Client pixel format depth 24 (32bpp) little-endian rgb888

            Sun Nov 29 12:28:20 2026
             VNCSConnST:  Failed to flush remaining socket data on close: write: Broken
                          pipe (32)
             VNCSConnST:  closing 127.0.0.1::57296: write: Broken pipe (32)
             EncodeManager: Framebuffer updates: 115
             EncodeManager:   Tight:
             EncodeManager:     Solid: 1.518 krects, 3.18649 Mpixels
             EncodeManager:            23.7188 KiB (1:525.535 ratio)
             EncodeManager:     Bitmap RLE: 2 rects, 2.631 kpixels
             EncodeManager:                 181 B (1:58.2762 ratio)
             EncodeManager:     Indexed RLE: 4.973 krects, 34.4251 Mpixels
             EncodeManager:                  3.38955 MiB (1:38.7597 ratio)
             EncodeManager:   Tight (JPEG):
             EncodeManager:     Full Colour: 4.749 krects, 111.431 Mpixels
             EncodeManager:                  7.98816 MiB (1:53.2202 ratio)
             EncodeManager:   Total: 11.242 krects, 149.046 Mpixels
             EncodeManager:          11.4011 MiB (1:49.8807 ratio)
            """;

    @Test
    void readsEachDepartedClientByPortInTheOrderTheyLeft() {
        List<XvncClientStats> stats = XvncClientStats.parse(LOG);

        assertThat(stats).containsExactly(new XvncClientStats(57286, 0, 0, 0),
                new XvncClientStats(57296, 115, 149.046, 11.4011));
    }

    @Test
    void aClientWithoutStatisticsIsLeftOut() {
        assertThat(XvncClientStats.parse(" VNCSConnST:  closing 127.0.0.1::1: Client closed\n")).isEmpty();
    }
}
