package dev.ums.console.gui.internal.settings;

/**
 * How a new session tab sizes the remote desktop at first. {@link #FIT} shows a desktop that fits the tab pixel for
 * pixel and shrinks one that does not ({@code VncView.Scaling.AUTO}); {@link #ACTUAL_SIZE} always shows it 1:1 and
 * scrolls.
 */
public enum ScalingMode {
    FIT("Fit (1:1 when it fits)"), ACTUAL_SIZE("100 %");

    private final String label;

    ScalingMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
