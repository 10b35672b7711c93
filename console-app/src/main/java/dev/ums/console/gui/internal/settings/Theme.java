package dev.ums.console.gui.internal.settings;

/** Which look the console wears: the system's preference, or light or dark regardless of it. */
public enum Theme {
    SYSTEM("Follow the system"), LIGHT("Light"), DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
