package dev.ums.relay;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomParameters;
import java.security.SecureRandomSpi;

/**
 * The random source of the server's TLS: each thread draws from a DRBG of its own. Left to itself, the JDK gives a
 * TLS context a {@code NativePRNG}, and every {@code NativePRNG} on Linux mixes its bytes through one shared SHA1PRNG
 * behind one lock; a handshake draws from it several times (the hello's random, the session id, the key share, the
 * ECDSA nonce), so when thousands of devices reconnect at once (a node's loss) the handshakes queue on that lock: in
 * a 2,500-device failover the survivor's handshake threads waited seconds for it, each of them, long enough for the
 * agents to give their dials up (docs/BENCHMARKS.md "Scale-out"). The generators are {@code DRBG} (the JDK's
 * NIST SP 800-90A generator, seeded from the system's entropy when a thread first draws); a thread's generator is
 * used by that thread only, so no draw waits for another.
 *
 * <p>Thread rule: any thread may call any method at any time; nothing is shared between threads but the class's
 * own constants.
 */
final class HandshakeRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "DRBG";

    private final transient PerThread generators;

    HandshakeRandom() {
        this(new PerThread());
    }

    private HandshakeRandom(PerThread generators) {
        super(generators, null);
        this.generators = generators;
    }

    // SecureRandom's own draws hold the instance's monitor unless its provider declares it thread-safe; these do not
    @Override
    public void nextBytes(byte[] bytes) {
        generators.engineNextBytes(bytes);
    }

    @Override
    public void nextBytes(byte[] bytes, SecureRandomParameters params) {
        generators.engineNextBytes(bytes, params);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        return generators.engineGenerateSeed(numBytes);
    }

    @Override
    public void setSeed(byte[] seed) {
        generators.engineSetSeed(seed);
    }

    /** The generator the calling thread draws from. */
    SecureRandom generatorOfThisThread() {
        return generators.own.get();
    }

    @Override
    public String getAlgorithm() {
        return ALGORITHM + " per thread";
    }

    @Override
    public String toString() {
        return getAlgorithm();
    }

    /** Draws from the calling thread's own generator, made on its first draw. */
    private static final class PerThread extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final transient ThreadLocal<SecureRandom> own = ThreadLocal.withInitial(PerThread::generator);

        private static SecureRandom generator() {
            try {
                return SecureRandom.getInstance(ALGORITHM);
            } catch (NoSuchAlgorithmException e) {
                // every Java 9+ runtime has DRBG (SUN provider)
                throw new IllegalStateException("no " + ALGORITHM + " in this Java runtime", e);
            }
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            own.get().setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            own.get().nextBytes(bytes);
        }

        @Override
        protected void engineNextBytes(byte[] bytes, SecureRandomParameters params) {
            own.get().nextBytes(bytes, params);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return own.get().generateSeed(numBytes);
        }
    }
}
