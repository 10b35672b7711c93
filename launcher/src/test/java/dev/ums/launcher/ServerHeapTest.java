package dev.ums.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerHeapTest {
    private static final long MIB = 1L << 20;

    @Test
    void aHeapIsBloatedOnlyWhenMostOfItAndMuchOfItIsFree() {
        assertTrue(ServerHeap.bloated(900 * MIB, 180 * MIB));
        assertFalse(ServerHeap.bloated(400 * MIB, 180 * MIB), "less than three times what survived");
        assertFalse(ServerHeap.bloated(140 * MIB, 20 * MIB), "less than 128 MiB free");
        assertFalse(ServerHeap.bloated(0, 0));
    }

    @Test
    void aServerMakingAYoungCollectionEverySecondOrTwoIsNotQuiet() {
        assertTrue(ServerHeap.quiet(0), "an idle fleet's heartbeats");
        assertTrue(ServerHeap.quiet(ServerHeap.QUIET_YOUNG_COLLECTIONS));
        assertFalse(ServerHeap.quiet(ServerHeap.QUIET_YOUNG_COLLECTIONS + 1));
        assertFalse(ServerHeap.quiet(20), "a reconnect storm's handshakes");
    }

    @Test
    void theServersHeapFlagsAreSetUnlessTheCommandLineGaveThem() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(g -> g.getName().startsWith("G1 "));
        Map<String, VMOption> before = Map.of(
                "MinHeapFreeRatio", vm.getVMOption("MinHeapFreeRatio"),
                "MaxHeapFreeRatio", vm.getVMOption("MaxHeapFreeRatio"),
                "G1PeriodicGCInterval", vm.getVMOption("G1PeriodicGCInterval"));
        Map<String, String> set = ServerHeap.apply();
        for (Map.Entry<String, VMOption> flag : before.entrySet()) {
            VMOption now = vm.getVMOption(flag.getKey());
            if (g1 && flag.getValue().getOrigin() == VMOption.Origin.DEFAULT) {
                assertEquals(ServerHeap.DEFAULTS.get(flag.getKey()), now.getValue(), flag.getKey());
                assertEquals(ServerHeap.DEFAULTS.get(flag.getKey()), set.get(flag.getKey()));
            } else {
                assertEquals(flag.getValue().getValue(), now.getValue(), flag.getKey() + " was given or not G1's");
                assertFalse(set.containsKey(flag.getKey()));
            }
        }
    }
}
