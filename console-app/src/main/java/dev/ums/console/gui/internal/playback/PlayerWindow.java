package dev.ums.console.gui.internal.playback;

import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.EscapeKey;
import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.PlainText;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.playback.RecordingSource;
import dev.ums.recording.RecordingException;
import dev.ums.recording.RecordingHeader;
import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncReplay;
import dev.ums.viewer.VncReplayTimeline;
import java.awt.Dimension;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.KeyStroke;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a session recording: the replayed picture, play/pause, a seek slider, the speed (0.5× to 4×) and a strip
 * with the console's input events. The recording is read and decoded on workers ({@link ReplayDecoder}), never
 * on the event thread; a step back replays from the beginning. Event thread only.
 */
public final class PlayerWindow {
    private static final Logger LOG = LoggerFactory.getLogger(PlayerWindow.class);
    private static final String[] SPEEDS = {"0.5×", "1×", "2×", "4×"};
    private static final double[] FACTORS = {0.5, 1, 2, 4};
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** The players open now, for Quit to close them. */
    private static final Set<PlayerWindow> OPEN = new LinkedHashSet<>();

    private final JFrame frame;
    private final JLabel status = PlainText.mark(new JLabel("Opening the recording …"));
    private final JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]",
            "[grow,fill][][][]"));
    private final Runnable onClosed;
    private final Timer ticker = new Timer(40, e -> tick());
    private PlaybackClock clock;
    private ReplayDecoder decoder;
    private FrameView view;
    private TimelineStrip strip;
    private JSlider slider;
    private JButton play;
    private JComboBox<String> speed;
    private final JLabel time = new JLabel("0:00.0 / 0:00.0");
    private boolean movingSlider;
    private long shown = -1;
    private boolean closed;
    private String description = "";
    /** The position of the decoder's last step, -1 before the first. */
    private long decoded = -1;

    private PlayerWindow(Window owner, String title, Runnable onClosed) {
        this.onClosed = onClosed;
        frame = new JFrame(title);
        frame.setName("player");
        if (owner != null) {
            frame.setIconImages(owner.getIconImages());
        }
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        status.setName("playerStatus");
        time.setName("playerTime");
        content.add(status, "growx");
        frame.setContentPane(content);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                closeDown();
            }
        });
        EscapeKey.closes(frame);
        frame.setSize(new Dimension(900, 640));
        frame.setLocationRelativeTo(owner);
    }

    /**
     * Opens a player on {@code file}; it reads the recording on a worker and shows the first picture.
     * {@code onClosed} runs on the event thread once the window is closed (to remove a downloaded copy, say).
     */
    public static PlayerWindow open(Window owner, Path file, String title, Runnable onClosed) {
        return open(owner, title, onClosed, () -> RecordingSource.open(file));
    }

    /**
     * Opens a player on a recording whose file was already checked; it reads the recording's timeline on a worker
     * and shows the first picture.
     */
    public static PlayerWindow open(Window owner, RecordingSource source, String title, Runnable onClosed) {
        return open(owner, title, onClosed, () -> source);
    }

    private static PlayerWindow open(Window owner, String title, Runnable onClosed, Callable<RecordingSource> opening) {
        PlayerWindow player = new PlayerWindow(owner, title, onClosed);
        OPEN.add(player);
        player.frame.setVisible(true);
        Workers.submit(() -> {
            RecordingSource source = opening.call();
            return new Opened(source, VncReplay.timeline(source));
        }).whenCompleteAsync((opened, failure) -> {
            if (failure != null) {
                player.failed(Workers.cause(failure));
            } else {
                player.show(opened);
            }
        }, Edt.EXECUTOR);
        return player;
    }

    private record Opened(RecordingSource source, VncReplayTimeline timeline) {
    }

    private void show(Opened opened) {
        if (closed) {
            return;
        }
        VncReplayTimeline timeline = opened.timeline();
        clock = new PlaybackClock(timeline.durationMicros());
        decoder = new ReplayDecoder(new VncReplay(opened.source()), this::stepped);
        view = new FrameView(decoder.framebuffer());
        strip = new TimelineStrip(timeline, this::seek);
        slider = new JSlider(0, (int) Math.min(Integer.MAX_VALUE, timeline.durationMicros() / 1000), 0);
        slider.setName("playerSeek");
        slider.addChangeListener(e -> {
            if (!movingSlider) {
                // the slider counts whole milliseconds: at its end it means the end, whose last picture may have come
                // within the recording's last millisecond
                seek(slider.getValue() == slider.getMaximum() ? clock.duration() : slider.getValue() * 1000L);
            }
        });
        play = new JButton("Play", Icons.of("play-fill"));
        play.setName("playerPlay");
        play.addActionListener(e -> playPause());
        speed = new JComboBox<>(SPEEDS);
        speed.setName("playerSpeed");
        speed.setSelectedIndex(1);
        speed.addActionListener(e -> clock.setSpeed(FACTORS[speed.getSelectedIndex()], System.nanoTime()));
        description = describe(opened.source().header(), timeline) + opened.source().damage()
                .map(d -> " · damaged after " + clockText(d.afterMicros()) + ", plays up to there").orElse("");
        status.setText(description);
        content.removeAll();
        content.add(view);
        content.add(slider);
        content.add(strip, "h 26!");
        content.add(play, "split 4, growx 0");
        content.add(time, "gapleft 8, growx 0");
        content.add(speed, "gapleft 8, growx 0");
        content.add(status, "gapleft 16, growx");
        content.revalidate();
        content.repaint();
        frame.getRootPane().setDefaultButton(play);
        frame.getRootPane().registerKeyboardAction(e -> playPause(), KeyStroke.getKeyStroke("SPACE"),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        decoder.request(0);
        showPosition(0);
    }

    private static String describe(RecordingHeader h, VncReplayTimeline timeline) {
        return PlainText.line(h.deviceName() == null ? h.deviceId() : h.deviceName()) + " · " + PlainText.line(h.user()) + " · "
                + STARTED.format(h.startedAt()) + (h.viewOnly() ? " · view only" : "") + " · "
                + timeline.events().size() + " input events";
    }

    private void failed(Throwable failure) {
        LOG.warn("the recording cannot be played: {}", failure.getMessage(), failure);
        status.setText(sentence(failure));
    }

    /** The user's sentence for why a recording cannot be played (on to the end). */
    static String sentence(Throwable failure) {
        if (failure instanceof RecordingException e) {
            return RecordingSource.sentence(e);
        }
        if (failure instanceof VncProtocolException) {
            return failure.getMessage();
        }
        return "The recording cannot be played (" + failure.getClass().getSimpleName() + "); the log has the details.";
    }

    private void playPause() {
        if (!play.isEnabled()) {
            return;
        }
        long now = System.nanoTime();
        if (clock.playing()) {
            clock.pause(now);
            ticker.stop();
        } else {
            clock.play(now);
            ticker.start();
        }
        updatePlayButton();
        tick();
    }

    private void updatePlayButton() {
        play.setText(clock.playing() ? "Pause" : "Play");
        play.setIcon(Icons.of(clock.playing() ? "pause-fill" : "play-fill"));
    }

    private void seek(long micros) {
        clock.seek(micros, System.nanoTime());
        long position = clock.position(System.nanoTime());
        if (position < decoded) {
            // A step back replays from the beginning; on a long recording that takes a while.
            status.setText("Replaying from the start to " + clockText(position) + " …");
        }
        decoder.request(position);
        showPosition(position);
    }

    private void tick() {
        long now = System.nanoTime();
        long position = clock.position(now);
        decoder.request(position);
        showPosition(position);
        if (clock.playing() && position >= clock.duration()) {
            clock.pause(now);
            ticker.stop();
            updatePlayButton();
        }
    }

    private void showPosition(long micros) {
        if (micros == shown) {
            return;
        }
        shown = micros;
        movingSlider = true;
        try {
            slider.setValue((int) Math.min(Integer.MAX_VALUE, micros / 1000));
        } finally {
            movingSlider = false;
        }
        strip.setPosition(micros);
        time.setText(clockText(micros) + " / " + clockText(clock.duration()));
    }

    static String clockText(long micros) {
        long tenths = micros / 100_000;
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }

    private void stepped(ReplayDecoder.Step step) {
        if (closed) {
            return;
        }
        view.stepped(step.cursor(), step.pointer());
        boolean pictureSeen = decoded >= 0;
        decoded = step.position();
        if (step.failure() == null) {
            status.setText(description);
        } else {
            clock.pause(System.nanoTime());
            ticker.stop();
            updatePlayButton();
            status.setText(sentence(step.failure()));
            if (!pictureSeen) {
                // Nothing of the recording can be shown: the controls would move over an empty picture.
                play.setEnabled(false);
                slider.setEnabled(false);
                speed.setEnabled(false);
                strip.setEnabled(false);
            }
        }
    }

    private void closeDown() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        ticker.stop();
        if (decoder != null) {
            decoder.close();
        }
        onClosed.run();
    }

    /** Closes every player (their {@code onClosed} runs); at Quit, whose players were never closed before. */
    public static void closeAll() {
        for (PlayerWindow player : List.copyOf(OPEN)) {
            player.frame.dispose();
            player.closeDown();
        }
    }

    // ---- for tests ----

    JFrame frame() {
        return frame;
    }

    FrameView view() {
        return view;
    }

    /** Whether the recording was opened and the controls are shown. */
    boolean ready() {
        return view != null;
    }

    PlaybackClock clock() {
        return clock;
    }

    int timelineEvents() {
        return strip.events();
    }
}
