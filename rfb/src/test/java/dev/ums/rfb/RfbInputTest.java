package dev.ums.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.testkit.rfb.Bytes;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lengths the peer states: bounded, and what they claim is not allocated before it arrives. */
class RfbInputTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void arrivingBytesAreReadWholeAcrossTheBuffersGrowth() throws Exception {
        byte[] sent = new byte[200_000];                   // past the first 64 KiB and two doublings
        new Random(1).nextBytes(sent);
        ByteArrayInputStream stream = new ByteArrayInputStream(new Bytes().raw(sent).u8(7).toArray());
        RfbInput in = new RfbInput(stream);
        assertThat(in.arriving(sent.length)).isEqualTo(sent);
        assertThat(in.u8()).isEqualTo(7);
        assertThat(in.arriving(0)).isEmpty();
        assertThat(in.bytesRead()).isEqualTo(sent.length + 1);
    }

    @Test
    void aClaimedLengthIsNotAllocatedBeforeItsBytesArrive() throws Exception {
        RfbInput in = new RfbInput(new ByteArrayInputStream(new Bytes().ascii("only ten b").toArray()));
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long after;
        try {
            in.arriving(16 * 1024 * 1024);
            throw new AssertionError("read 16 MiB from 10 bytes");
        } catch (EOFException e) {
            after = THREADS.getCurrentThreadAllocatedBytes();
        }
        assertThat(after - before).isLessThan(1 << 20);
    }

    @Test
    void aStringClaimingMoreThanItsLimitIsRefusedWithTheField() {
        RfbInput in = new RfbInput(new ByteArrayInputStream(new Bytes().s32(64 * 1024 + 1).ascii("x").toArray()));
        assertThatThrownBy(() -> in.string(64 * 1024, "desktop name"))
                .isInstanceOfSatisfying(ImplausibleLengthException.class, e -> assertThat(e.length())
                        .isEqualTo(new ImplausibleLengthException.Length("desktop name", 64 * 1024 + 1, 64 * 1024)));
    }
}
