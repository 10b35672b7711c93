package dev.ums.console.gui.internal.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Viewer command templates split like shell words, without a shell, and fill in the proxy's address. */
class CommandTemplateTest {
    @Test
    void placeholdersAreFilledInEachWord() {
        assertThat(CommandTemplate.argv("vncviewer {host}::{port}", "127.0.0.1", 41234))
                .containsExactly("vncviewer", "127.0.0.1::41234");
        assertThat(CommandTemplate.argv("  old-viewer   {host}:{display} ", "127.0.0.1", 5907))
                .containsExactly("old-viewer", "127.0.0.1:7");
    }

    @Test
    void quotesKeepSpacesAndNothingIsInterpretedByAShell() {
        assertThat(CommandTemplate.argv("\"/opt/My Viewer/bin/viewer\" -title 'a b' {host}::{port}; rm -rf x",
                "h", 1)).containsExactly("/opt/My Viewer/bin/viewer", "-title", "a b", "h::1;", "rm", "-rf", "x");
    }

    @Test
    void emptyOrUnbalancedTemplatesAreRefusedWithASentence() {
        assertThatThrownBy(() -> CommandTemplate.argv("  ", "h", 1)).hasMessageContaining("Settings");
        assertThatThrownBy(() -> CommandTemplate.argv("viewer \"{host}", "h", 1)).hasMessageContaining("quote");
    }
}
