package dev.ums.relay.handshake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A TLS connection whose handshake waits for its turn ({@link HandshakeTurns}), ahead of the others when it is the
 * load balancer's own. Until then it only reads the client's hello into a buffer of its own, up to one TLS record,
 * and asks for a turn once the hello's first record is whole, so a client that trickles its hello cannot hold a turn
 * while the others wait. A connection that closes while it waits costs no handshake work. Its turn ends when the engine waits for the client: after the server's
 * answer is written, or when the engine needs bytes the client has not sent. Jetty calls it on its pool threads,
 * one at a time for reading; the turn's state is guarded by this object's monitor, which is never held while
 * calling into the engine or another connection.
 */
final class QueuedSslConnection extends SslConnection implements HandshakeTurns.Turn {
    private static final byte HANDSHAKE_RECORD = 22;
    private static final int RECORD_HEADER = 5;

    private enum Stage { HELLO, WAITING, WORKING, DONE }

    private final HandshakeTurns turns;
    private final boolean ahead;
    private final Callback helloReadable = Callback.from(this::onFillable, this::onFillInterestedFailed);
    /** The client's bytes read before the turn, in Jetty's flush mode; null once handed to the engine. */
    private ByteBuffer hello;
    private Stage stage = Stage.HELLO;

    QueuedSslConnection(ByteBufferPool pool, Executor executor, SslContextFactory tls, EndPoint endPoint,
                        SSLEngine engine, boolean directEncrypted, boolean directDecrypted, HandshakeTurns turns,
                        boolean ahead) {
        super(pool, executor, tls, endPoint, engine, directEncrypted, directDecrypted);
        this.turns = turns;
        this.ahead = ahead;
        this.hello = BufferUtil.allocate(engine.getSession().getPacketBufferSize());
        addHandshakeListener(new SslHandshakeListener() {
            @Override
            public void handshakeSucceeded(Event event) {
                endTurn();
            }

            @Override
            public void handshakeFailed(Event event, Throwable failure) {
                endTurn();
            }
        });
    }

    @Override
    public void onFillable() {
        if (!readHello()) {
            super.onFillable();
        }
    }

    /** Reads the hello while the turn has not come: false when the turn came and the engine takes over. */
    private boolean readHello() {
        boolean startNow = false;
        boolean peerGone = false;
        synchronized (this) {
            if (stage != Stage.HELLO && stage != Stage.WAITING) {
                return false;
            }
            int read;
            try {
                read = getEndPoint().fill(hello);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                peerGone = true;
            } else {
                startNow = askWhenWhole();
                // while it waits, keep reading: the rest of the record, or the end of a client that gave up
                if (!startNow && BufferUtil.space(hello) > 0) {
                    getEndPoint().tryFillInterested(helloReadable);
                }
            }
        }
        if (peerGone) {
            getEndPoint().close();
            return true;
        }
        return !startNow;
    }

    /** Asks for the turn once the hello's first record is whole: true when it is granted at once. Under the monitor. */
    private boolean askWhenWhole() {
        if (stage != Stage.HELLO || !helloWhole()) {
            return false;
        }
        boolean now = ahead ? turns.requestAhead(this) : turns.request(this);
        stage = now ? Stage.WORKING : Stage.WAITING;
        return now;
    }

    /** Bytes read before this connection (after a PROXY header) are the hello's first bytes. */
    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        synchronized (this) {
            if (stage == Stage.HELLO && BufferUtil.space(hello) >= prefilled.remaining()) {
                BufferUtil.append(hello, prefilled);
                return;
            }
            stage = Stage.DONE; // more than a record: no hello, let the engine refuse it
        }
        super.onUpgradeTo(prefilled);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        boolean startNow;
        synchronized (this) {
            startNow = askWhenWhole();
        }
        if (startNow) {
            start();
        }
    }

    /** The first record of the hello is here (or what came is no TLS handshake, which the engine refuses at once). */
    private boolean helloWhole() {
        int have = hello.remaining();
        if (have == 0) {
            return false;
        }
        int at = hello.position();
        if (hello.get(at) != HANDSHAKE_RECORD || BufferUtil.space(hello) == 0) {
            return true;
        }
        if (have < RECORD_HEADER) {
            return false;
        }
        int length = (hello.get(at + 3) & 0xff) << 8 | hello.get(at + 4) & 0xff;
        return have >= RECORD_HEADER + length;
    }

    @Override
    public void admit() {
        synchronized (this) {
            if (stage != Stage.WAITING) {
                return; // closed meanwhile: onClose passed the turn on
            }
            stage = Stage.WORKING;
        }
        start();
    }

    /** The turn came while no thread reads for this connection: one of Jetty's threads starts the handshake. */
    private void start() {
        try {
            getExecutor().execute(super::onFillable);
        } catch (RejectedExecutionException e) {
            getEndPoint().close();
        }
    }

    @Override
    protected int networkFill(ByteBuffer input) throws IOException {
        synchronized (this) {
            if (hello != null && hello.hasRemaining()) {
                int moved = BufferUtil.append(input, hello);
                if (!hello.hasRemaining()) {
                    hello = null;
                }
                return moved;
            }
            hello = null;
        }
        return super.networkFill(input);
    }

    @Override
    protected SSLEngineResult unwrap(SSLEngine engine, ByteBuffer input, ByteBuffer output) throws SSLException {
        SSLEngineResult result = super.unwrap(engine, input, output);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || waitsForClient(result)) {
            endTurn();
        }
        return result;
    }

    @Override
    protected SSLEngineResult wrap(SSLEngine engine, ByteBuffer[] input, ByteBuffer output) throws SSLException {
        SSLEngineResult result = super.wrap(engine, input, output);
        if (waitsForClient(result)) {
            endTurn();
        }
        return result;
    }

    private static boolean waitsForClient(SSLEngineResult result) {
        HandshakeStatus status = result.getHandshakeStatus();
        return status != HandshakeStatus.NEED_TASK && status != HandshakeStatus.NEED_WRAP;
    }

    private void endTurn() {
        synchronized (this) {
            if (stage != Stage.WORKING) {
                return;
            }
            stage = Stage.DONE;
        }
        turns.finished();
    }

    @Override
    public void onClose(Throwable cause) {
        Stage was;
        synchronized (this) {
            was = stage;
            stage = Stage.DONE;
            hello = null;
        }
        if (was == Stage.WORKING || was == Stage.WAITING && !turns.withdraw(this)) {
            turns.finished();
        }
        super.onClose(cause);
    }
}
