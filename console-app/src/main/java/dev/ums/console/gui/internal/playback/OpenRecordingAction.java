package dev.ums.console.gui.internal.playback;

import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.PlainText;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.gui.internal.settings.LiveSettings;
import dev.ums.console.playback.RecordingSource;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.KeyStroke;
import javax.swing.filechooser.FileNameExtensionFilter;
import javax.swing.filechooser.FileView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console → Open recording…: plays a session recording file from the user's disk (a copy an administrator took
 * from the server's recordings folder, say), no server needed. A file chooser on {@code *.umsrec} starts in the
 * folder the last recording came from (kept in the settings), else the user's home; {@link RecordingSource#open}
 * checks the chosen file on a worker; a good one opens the same {@link PlayerWindow} as the shadow log's Play, and
 * a missing, foreign or damaged one is one sentence in a dialog and opens nothing. Event thread only.
 */
public final class OpenRecordingAction extends AbstractAction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OpenRecordingAction.class);
    /** The name tests find the file chooser by. */
    public static final String CHOOSER = "openRecordingChooser";
    /** The title of the dialog that says why a file was not opened. */
    public static final String NOT_OPENED = "Recording not opened";

    /** File names as the chooser lists them: as their characters, never as HTML. */
    private static final FileView PLAIN_NAMES = new FileView() {
        @Override
        public String getName(File f) {
            return PlainText.shown(f.getName());
        }
    };

    private final transient Window owner;
    private final transient LiveSettings settings;

    public OpenRecordingAction(Window owner, LiveSettings settings) {
        super("Open recording…");
        this.owner = owner;
        this.settings = settings;
        putValue(Action.ACTION_COMMAND_KEY, "openRecording");
        putValue(Action.MNEMONIC_KEY, KeyEvent.VK_O);
        putValue(Action.ACCELERATOR_KEY, KeyStroke.getKeyStroke("ctrl O"));
        putValue(Action.SMALL_ICON, Icons.of("film"));
        putValue(Action.SHORT_DESCRIPTION, "Play a session recording file (.umsrec) from this computer (Ctrl+O)");
    }

    @Override
    public void actionPerformed(ActionEvent e) {
        JFileChooser chooser = PlainText.mark(new JFileChooser(startFolder()));
        chooser.setFileView(PLAIN_NAMES);
        chooser.setName(CHOOSER);
        chooser.setDialogTitle("Open recording");
        FileNameExtensionFilter recordings = new FileNameExtensionFilter("Session recordings (*.umsrec)", "umsrec");
        chooser.addChoosableFileFilter(recordings);
        chooser.setFileFilter(recordings);
        if (chooser.showOpenDialog(owner) != JFileChooser.APPROVE_OPTION || chooser.getSelectedFile() == null) {
            return;
        }
        Path file;
        try {
            file = chooser.getSelectedFile().toPath();
        } catch (InvalidPathException bad) {
            notOpened(chooser.getSelectedFile() + " is not a file name this computer can open.");
            return;
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            settings.change(s -> s.withRecordingFolder(folder.toString()));
        }
        open(file);
    }

    /** The remembered folder; a chooser given one that no longer exists starts in its default folder instead. */
    private File startFolder() {
        String remembered = settings.get().recordingFolder();
        return new File(remembered.isEmpty() ? System.getProperty("user.home") : remembered);
    }

    /** Checks {@code file} on a worker, then shows it in a player or says in one sentence why not. */
    void open(Path file) {
        Workers.submit(() -> RecordingSource.open(file)).whenCompleteAsync((source, failure) -> {
            if (failure != null) {
                Throwable cause = Workers.cause(failure);
                LOG.info("recording {} not opened: {}", file, cause.toString());
                notOpened(PlayerWindow.sentence(cause));
                return;
            }
            Path name = file.getFileName();
            PlayerWindow.open(owner, source, "Recording – " + (name == null ? file : name), () -> { });
        }, Edt.EXECUTOR);
    }

    /** One sentence in a dialog; a label of its own, so a file name in it is never taken for HTML. */
    private void notOpened(String sentence) {
        JOptionPane.showMessageDialog(owner, PlainText.mark(new JLabel(sentence)), NOT_OPENED,
                JOptionPane.ERROR_MESSAGE);
    }
}
