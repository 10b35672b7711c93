package dev.ums.launcher;

import java.util.List;

/**
 * One simulated device of {@code ums demo}: its name, OS generation, whether it reaches the server through the
 * gateway, whether it stays online, and the directory it is filed in.
 */
record DemoDevice(String name, String os, boolean viaGateway, boolean online, String directory) {
    static final String HEADQUARTERS = "Headquarters";
    static final String BRANCH = "Branch office";

    /** The demo's fleet: each of the four shadowing routes (OS 12 and OS 11, direct and through the gateway), and one device that is enrolled but switched off. */
    static List<DemoDevice> lineup() {
        return List.of(
                new DemoDevice("kiosk-1", "12", false, true, HEADQUARTERS),
                new DemoDevice("kiosk-2", "12", false, true, HEADQUARTERS),
                new DemoDevice("branch-1", "12", true, true, BRANCH),
                new DemoDevice("legacy-1", "11", false, true, BRANCH),
                new DemoDevice("legacy-2", "11", true, true, BRANCH),
                new DemoDevice("spare-1", "12", false, false, BRANCH));
    }

    /** What the device's demo desktop says about it. */
    String describe() {
        return "OS " + os + (viaGateway ? ", reached through the Cloud Gateway" : ", connected directly");
    }
}
