package dev.ums.viewer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void kernelThreadNamesFallIntoTheirKinds() {
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("jit");
        assertThat(ThreadCpu.kind("C1 CompilerThre")).isEqualTo("jit");
        assertThat(ThreadCpu.kind("GC Thread#0")).isEqualTo("gc");
        assertThat(ThreadCpu.kind("G1 Conc#0")).isEqualTo("gc");
        assertThat(ThreadCpu.kind("VM Thread")).isEqualTo("gc");
        assertThat(ThreadCpu.kind("AWT-EventQueue-")).isEqualTo("awt");
        assertThat(ThreadCpu.kind("Java2D Disposer")).isEqualTo("awt");
        assertThat(ThreadCpu.kind("vnc-1-reader")).isEqualTo("session");
        assertThat(ThreadCpu.kind("java")).isEqualTo("main");
        assertThat(ThreadCpu.kind("ums-console")).isEqualTo("main");
        assertThat(ThreadCpu.kind("Signal Dispatch")).isEqualTo("jvm");
    }

    @Test
    void thisProcessHasCpuAndEveryKindIsNamed() {
        String line = ThreadCpu.of(ProcessHandle.current().pid()).describe();
        assertThat(line).matches("total [0-9.]+ s: jit [0-9.]+ gc [0-9.]+ awt [0-9.]+ session [0-9.]+ main [0-9.]+ "
                + "jvm [0-9.]+ ended [0-9.]+");
    }

    @Test
    void theLastAcceptedClientPortIsOurs() {
        String log = """
                 Connections: accepted: 127.0.0.1::57286
                 SConnection: Client needs protocol version 3.8
                 Connections: accepted: 127.0.0.1::57296
                """;
        assertThat(InstalledViewerRun.lastAcceptedPort(log)).isEqualTo(57296);
        assertThat(InstalledViewerRun.lastAcceptedPort("no client yet")).isEqualTo(-1);
    }
}
