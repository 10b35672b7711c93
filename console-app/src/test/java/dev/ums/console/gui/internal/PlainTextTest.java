package dev.ums.console.gui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Outside text as one line: what reorders or hides text goes, what a language needs stays. */
class PlainTextTest {
    @Test
    void lineBreaksOverridesAndZeroWidthSpacesGoWhileJoinersAndDirectionMarksStay() {
        assertThat(PlainText.line("kiosk-\u202E1\u200B\n<html>x\u2028y\u2066z\u00AD")).isEqualTo("kiosk-?1??<html>x?y?z?");
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";   // a ZWNJ inside a Persian word
        assertThat(PlainText.line(persian)).isEqualTo(persian);
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";   // an emoji joined by ZWJs
        assertThat(PlainText.line("desk " + family + " \u200Fright")).isEqualTo("desk " + family + " \u200Fright");
        assertThat(PlainText.shown("<html><img src=x>\n")).isEqualTo("<html>&lt;html&gt;&lt;img src=x&gt;?</html>");
    }
}
