package dev.ums.console.gui.internal.devices;

import static dev.ums.console.gui.GuiTests.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.GuiTests;
import dev.ums.protocol.imi.ThinClient;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device table lists devices by name as people read them, whatever order the server sends them in (its own,
 * by id, depends on which device enrolled first), keeps that order across refreshes and keeps the selection.
 */
class DevicesPanelOrderTest {
    @BeforeAll
    static void display() {
        GuiTests.requireDisplayAndEventThreadRule();
    }

    @Test
    void devicesAreListedByNameWhateverTheServersOrder() {
        List<String> shown = onEdt(() -> {
            DevicesPanel panel = new DevicesPanel();
            panel.show(List.of(device("1", "kiosk-10"), device("2", "Kiosk-2"), device("3", "branch-1"),
                    device("4", "kiosk-1")));
            panel.select("2");
            panel.show(List.of(device("4", "kiosk-1"), device("3", "branch-1"), device("2", "Kiosk-2"),
                    device("1", "kiosk-10"), device("5", "kiosk-9")));
            assertThat(panel.selected()).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("2"));
            return names(panel.table());
        });
        assertThat(shown).containsExactly("branch-1", "kiosk-1", "Kiosk-2", "kiosk-9", "kiosk-10");
    }

    /** The same devices with one renamed: the server's list changed in no other way, and the table sorts again. */
    @Test
    void aRenamedDeviceMovesToItsPlace() {
        List<String> shown = onEdt(() -> {
            DevicesPanel panel = new DevicesPanel();
            panel.show(List.of(device("1", "kiosk-1"), device("2", "kiosk-2"), device("3", "kiosk-3")));
            panel.show(List.of(device("1", "kiosk-1"), device("2", "zebra"), device("3", "kiosk-3")));
            return names(panel.table());
        });
        assertThat(shown).containsExactly("kiosk-1", "kiosk-3", "zebra");
    }

    private static List<String> names(JTable table) {
        List<String> names = new ArrayList<>();
        for (int row = 0; row < table.getRowCount(); row++) {
            names.add(String.valueOf(table.getValueAt(row, DeviceTableModel.NAME)));
        }
        return names;
    }

    private static ThinClient device(String id, String name) {
        return new ThinClient(id, "U" + id, name, "-1", false, "tc", List.of(), "00:00:00:00:00:0" + id, null,
                "10.0.0." + id, null, true, null, true, "12", "direct", null, null, null);
    }
}
