package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The replay reads recorded server bytes through the same messages and decoders as a live session, after its own
 * reading of the opening ({@code RecordedHandshake}): damaged recordings ({@link ServerScript}'s streams with
 * {@link ServerStreamFuzzTest.Mutation}s, the client's opening beside them) must end each replay within seconds,
 * either with the last picture or with a {@link VncProtocolException} raised on purpose, never with the sentence the
 * replay gives unchecked exceptions. Deterministic, as {@link ServerStreamFuzzTest}.
 */
class ReplayStreamFuzzTest {
    private static final int CASES = Integer.getInteger("fuzz.cases", 4000) / 2;
    private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
    private static final String CATCH_ALL = "The recording holds data the viewer cannot decode.";

    @Test
    void damagedRecordingsEndTheReplayWithATypedFailure() {
        List<String> failures = new ArrayList<>();
        int failed = 0;
        int typed = 0;
        for (int i = 0; i < CASES; i++) {
            Random random = new Random(SEED * 7_000_003L + i);
            ServerScript script = ServerScript.draw(random, random.nextInt(4) == 0);
            ServerStreamFuzzTest.Mutation mutation = ServerStreamFuzzTest.Mutation.random(random);
            byte[] server = mutation.apply(script, random);
            RecordedChunks recording = recording(script.clientBytes(), server);
            Throwable outcome = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> replay(recording),
                    "a replay hangs (case " + i + ", seed " + SEED + ")");
            if (outcome == null) {
                continue;
            }
            if (outcome instanceof VncProtocolException && !outcome.getMessage().equals(CATCH_ALL)) {
                typed++;
            } else if (failed++ < 20) {
                failures.add("case " + i + " (seed " + SEED + ", " + mutation + "): " + outcome + " caused by "
                        + outcome.getCause() + " at " + Arrays.toString(Arrays.copyOf(
                                (outcome.getCause() == null ? outcome : outcome.getCause()).getStackTrace(), 4))
                        + ": " + HexFormat.of().formatHex(server, 0, Math.min(server.length, 1000)));
            }
        }
        assertThat(failures).as("%d of %d replays failed untyped; the first of them", failed, CASES).isEmpty();
        assertThat(typed).as("damage is caught by checks").isGreaterThan(CASES / 10);
    }

    @Test
    void wellFormedRecordingsReplayToTheirEnd() {
        for (int i = 0; i < CASES / 10; i++) {
            ServerScript script = ServerScript.draw(new Random(SEED + i), false);
            Throwable outcome = replay(recording(script.clientBytes(), script.bytes()));
            if (script.tls) {
                assertThat(outcome).as("case %d", i).hasMessageContaining("encrypted end to end");
            } else {
                assertThat(outcome).as("case %d", i).isNull();
            }
        }
    }

    /** The client's opening at once, then the server's bytes in pieces of 500, each a microsecond later. */
    private static RecordedChunks recording(byte[] client, byte[] server) {
        RecordedChunks recording = new RecordedChunks().client(0, client);
        for (int at = 0, t = 1; at < server.length; at += 500, t++) {
            recording.server(t, Arrays.copyOfRange(server, at, Math.min(server.length, at + 500)));
        }
        return recording;
    }

    /** Replays the whole recording; returns what it threw, or null. */
    private static Throwable replay(RecordedChunks recording) {
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(Long.MAX_VALUE);
            return null;
        } catch (Exception | Error e) {
            return e;
        }
    }
}
