package dev.ums.console.gui.internal.playback;

/**
 * Where a player stands in a recording and how fast it moves: paused at a position, or playing from a position
 * since a moment, at a speed. Pure arithmetic on the times it is given. Event thread.
 */
final class PlaybackClock {
    private final long durationMicros;
    private long anchorMicros;
    private long anchorNanos;
    private boolean playing;
    private double speed = 1.0;

    PlaybackClock(long durationMicros) {
        this.durationMicros = Math.max(0, durationMicros);
    }

    long duration() {
        return durationMicros;
    }

    boolean playing() {
        return playing;
    }

    double speed() {
        return speed;
    }

    /** The position at {@code nowNanos}, in microseconds, never past the end. */
    long position(long nowNanos) {
        if (!playing) {
            return anchorMicros;
        }
        long moved = (long) ((nowNanos - anchorNanos) / 1000.0 * speed);
        return Math.min(durationMicros, anchorMicros + moved);
    }

    /** Starts playing; from the beginning when it stood at the end. */
    void play(long nowNanos) {
        if (anchorMicros >= durationMicros) {
            anchorMicros = 0;
        }
        anchorNanos = nowNanos;
        playing = true;
    }

    void pause(long nowNanos) {
        anchorMicros = position(nowNanos);
        playing = false;
    }

    void seek(long micros, long nowNanos) {
        anchorMicros = Math.max(0, Math.min(durationMicros, micros));
        anchorNanos = nowNanos;
    }

    /** Changes the speed without a jump in position. */
    void setSpeed(double factor, long nowNanos) {
        anchorMicros = position(nowNanos);
        anchorNanos = nowNanos;
        speed = factor;
    }
}
