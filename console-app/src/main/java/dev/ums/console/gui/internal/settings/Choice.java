package dev.ums.console.gui.internal.settings;

import java.util.List;
import java.util.Objects;
import javax.swing.JComboBox;

/** One entry of a settings combo box: the value it stands for and the words it shows. Event thread only. */
record Choice<T>(T value, String label) {
    @Override
    public String toString() {
        return label;
    }

    static <T> JComboBox<Choice<T>> comboBox(String name, List<Choice<T>> choices) {
        JComboBox<Choice<T>> box = new JComboBox<>();
        choices.forEach(box::addItem);
        box.setName(name);
        return box;
    }

    /** Selects the entry standing for {@code value}. */
    static <T> void select(JComboBox<Choice<T>> box, T value) {
        for (int i = 0; i < box.getItemCount(); i++) {
            if (Objects.equals(box.getItemAt(i).value(), value)) {
                box.setSelectedIndex(i);
                return;
            }
        }
        throw new IllegalArgumentException("no entry of " + box.getName() + " stands for " + value);
    }

    static <T> T selected(JComboBox<Choice<T>> box) {
        return box.getItemAt(box.getSelectedIndex()).value();
    }
}
