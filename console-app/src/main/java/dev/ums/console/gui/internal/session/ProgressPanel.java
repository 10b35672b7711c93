package dev.ums.console.gui.internal.session;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.UIManager;
import net.miginfocom.swing.MigLayout;

/**
 * What a session tab shows while connecting: each step with a mark (done ✓, in progress …, waiting ○) and a
 * Cancel button. Event thread only.
 */
final class ProgressPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final Map<ConnectStage, JLabel> labels = new EnumMap<>(ConnectStage.class);
    private final JLabel title = new JLabel();
    private final JButton cancel = new JButton("Cancel");
    private List<ConnectStage> stages = List.of();

    ProgressPanel(Runnable onCancel) {
        super(new MigLayout("insets 24, wrap 1, align center center", "[300lp]", ""));
        setName("connectProgress");
        cancel.setName("cancelConnect");
        cancel.addActionListener(e -> onCancel.run());
        title.putClientProperty("FlatLaf.styleClass", "h3");
    }

    /** Starts over for a new attempt. */
    void reset(String heading, boolean external) {
        removeAll();
        labels.clear();
        stages = external
                ? List.of(ConnectStage.ASKING_SERVER, ConnectStage.DEVICE_ACCEPTED, ConnectStage.TUNNEL_OPEN,
                        ConnectStage.VIEWER_CONNECTED)
                : List.of(ConnectStage.ASKING_SERVER, ConnectStage.DEVICE_ACCEPTED, ConnectStage.TUNNEL_OPEN,
                        ConnectStage.FIRST_FRAME);
        title.setText(heading);
        add(title, "gapbottom para");
        for (ConnectStage stage : stages) {
            JLabel label = new JLabel();
            label.setName("stage." + stage.name());
            labels.put(stage, label);
            add(label);
        }
        JProgressBar bar = new JProgressBar();
        bar.setIndeterminate(true);
        add(bar, "growx, gaptop para");
        add(cancel, "right, gaptop related");
        mark(null);
        revalidate();
        repaint();
    }

    /** Marks every stage up to {@code done} as done and the next one as in progress. */
    void reached(ConnectStage done) {
        mark(done);
    }

    private void mark(ConnectStage done) {
        int doneIndex = done == null ? -1 : stages.indexOf(done);
        for (int i = 0; i < stages.size(); i++) {
            JLabel label = labels.get(stages.get(i));
            String text = stages.get(i).label();
            if (i <= doneIndex) {
                label.setText("✓  " + text);
                label.setForeground(UIManager.getColor("Console.stepDone.foreground"));
            } else if (i == doneIndex + 1) {
                label.setText("…  " + text);
                label.setForeground(UIManager.getColor("Console.stepActive.foreground"));
            } else {
                label.setText("○  " + text);
                label.setForeground(UIManager.getColor("Console.stepWaiting.foreground"));
            }
        }
    }

    /** The label texts, for tests and screen readers. */
    String stepsText() {
        StringBuilder text = new StringBuilder();
        stages.forEach(s -> text.append(labels.get(s).getText()).append('\n'));
        return text.toString();
    }
}
