package dev.ums.console.gui.internal.settings;

/** Where shadow sessions are shown: in a console tab, or in an external VNC viewer fed through a local proxy. */
public enum ViewerMode {
    EMBEDDED("Embedded (a tab in this console)"), EXTERNAL("External program");

    private final String label;

    ViewerMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
