package dev.ums.viewer;

import java.util.List;

/**
 * What a recording holds over time, without its pictures: how long it lasts and the input events its console
 * sent. Immutable.
 *
 * @param durationMicros the time of the last recorded byte, in microseconds since the recording started
 * @param events         the console's key and pointer events in time order
 */
public record VncReplayTimeline(long durationMicros, List<VncInputEvent> events) {
    public VncReplayTimeline {
        events = List.copyOf(events);
    }
}
