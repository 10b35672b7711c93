package dev.ums.console.gui.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.up.ShadowOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTableModelTest {
    private static final int OUTCOME = 5;

    @Test
    void theOutcomeIsShownInWordsAndAnUnknownCodeAsItCame() {
        AuditTableModel model = new AuditTableModel();
        model.setEntries(List.of(entry("COMPLETED"), entry("DECLINED"), entry("INTERRUPTED"), entry("SOMETHING_NEW"),
                entry(null)));

        assertThat(model.getColumnName(OUTCOME)).isEqualTo("Outcome");
        assertThat(List.of(0, 1, 2, 3, 4).stream().map(row -> model.getValueAt(row, OUTCOME)))
                .containsExactly("Completed", "Declined by the user", "Interrupted", "SOMETHING_NEW", "–");
    }

    @Test
    void everyAnswerADeviceCanGiveHasWords() {
        for (ShadowOutcome outcome : ShadowOutcome.values()) {
            assertThat(OutcomeWords.of(outcome.name())).as(outcome.name()).doesNotContain("_").isNotEqualTo(
                    outcome.name());
        }
    }

    private static AuditEntry entry(String outcome) {
        return new AuditEntry(1, "7", "kiosk-1", "00:11:22:33:44:55", "10.0.0.7", "admin", "direct",
                "2026-12-07T10:00:00Z", "2026-12-07T10:05:00Z", 10, 20, outcome, "detail", "console", null);
    }
}
