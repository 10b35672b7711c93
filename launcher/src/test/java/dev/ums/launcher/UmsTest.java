package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code ums} command line holds the subcommand its arguments name, or all of them when they name none. */
class UmsTest {
    private static final String[] ALL = {"console", "proxy", "server", "agent", "snapshot", "replay", "viewer", "icg",
        "demo"};

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(Ums.commandLine("viewer", "--vnc", "host:5900").getSubcommands()).containsOnlyKeys("viewer");
        assertThat(Ums.commandLine("snapshot").getSubcommands()).containsOnlyKeys("snapshot");
    }

    @Test
    void withoutASubcommandAllAreThereInTheirOrder() {
        assertThat(Ums.commandLine().getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Ums.commandLine("--help").getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Ums.commandLine("veiwer").getSubcommands().keySet()).containsExactly(ALL);
    }

    @Test
    void everySubcommandIsFoundByItsName() {
        for (String name : ALL) {
            assertThat(Ums.commandLine(name).getSubcommands()).as(name).containsOnlyKeys(name);
        }
    }

    @Test
    void helpListsEverySubcommand() {
        StringWriter out = new StringWriter();
        assertThat(Ums.commandLine("--help").setOut(new PrintWriter(out, true)).execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: ums ").contains(ALL);
    }

    @Test
    void aSubcommandsHelpNamesItUnderUms() {
        StringWriter out = new StringWriter();
        CommandLine line = Ums.commandLine("viewer", "--help").setOut(new PrintWriter(out, true));
        assertThat(line.execute("viewer", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ums viewer ").contains("--vnc=HOST:PORT");
    }

    @Test
    void aMisspeltSubcommandIsRefusedWithTheNamesToChooseFrom() {
        StringWriter err = new StringWriter();
        assertThat(Ums.commandLine("veiwer").setErr(new PrintWriter(err, true)).execute("veiwer")).isEqualTo(2);
        assertThat(err.toString()).contains("veiwer").contains("viewer");
    }
}
