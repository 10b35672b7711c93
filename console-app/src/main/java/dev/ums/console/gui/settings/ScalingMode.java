package dev.ums.console.gui.settings;

/** How a new session tab sizes the remote desktop at first. */
public enum ScalingMode {
    FIT("Fit to the tab"), ACTUAL_SIZE("100 %");

    private final String label;

    ScalingMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
