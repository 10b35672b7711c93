package dev.ums.console.core;

import dev.ums.console.core.ImiException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one server's requests and reads its answers within bounds: a whole answer up to
 * {@link ImiClient#MAX_ANSWER_BYTES}, an error answer up to 64 KiB for its sentence, a recording as
 * {@link RecordingDownload} bounds it; what fails before an answer arrives becomes a typed {@link ImiException}.
 * Blocking and interruptible ({@link InterruptibleCall}); any thread but the event thread.
 */
record ImiCalls(ServerAddress server) {
    private static final Logger LOG = LoggerFactory.getLogger(ImiCalls.class);
    /** An error answer is read this far for the server's sentence. */
    private static final long MAX_ERROR_BYTES = 64L << 10;

    /** Sends {@code request} with {@code client}; the whole call, answer included, ends after {@code timeout}. */
    ImiAnswer send(OkHttpClient client, Request.Builder request, Duration timeout) throws ImiException {
        Call call = newCall(client, request);
        call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = InterruptibleCall.execute(call)) {
            boolean ok = response.isSuccessful();
            String body = text(response.body().source(), ok ? ImiClient.MAX_ANSWER_BYTES : MAX_ERROR_BYTES);
            if (body == null && ok) {
                throw ImiException.atServer(Reason.ANSWER_TOO_LARGE, server, response.code(), null, null);
            }
            return new ImiAnswer(response.code(), body);
        } catch (IOException e) {
            throw transportFailure(call, e);
        }
    }

    /**
     * Sends {@code request} and writes a successful answer to {@code target} within the bounds of {@code recording},
     * replacing it only once the whole answer arrived; an error answer is returned with its text, and on any failure
     * {@code target} is left as it was. Each wait for bytes is bounded by the client's read timeout.
     */
    ImiAnswer download(OkHttpClient client, Request.Builder request, Path target, RecordingDownload recording)
            throws ImiException {
        Call call = newCall(client, request);
        try (Response response = InterruptibleCall.execute(call)) {
            if (!response.isSuccessful()) {
                return new ImiAnswer(response.code(), text(response.body().source(), MAX_ERROR_BYTES));
            }
            try {
                recording.write(response, target);
            } catch (ImiException e) {
                call.cancel();  // closing alone would read on to reuse the connection; a refused answer may be endless
                throw e;
            }
            return new ImiAnswer(response.code(), null);
        } catch (IOException e) {
            throw transportFailure(call, e);
        }
    }

    /** The whole text of {@code source} as UTF-8, or null if it is longer than {@code limit} bytes. */
    private static String text(BufferedSource source, long limit) throws IOException {
        return source.request(limit + 1) ? null : source.readString(StandardCharsets.UTF_8);
    }

    private static Call newCall(OkHttpClient client, Request.Builder request) {
        return client.newCall(request.tag(PinnedHttp.Progress.class, new PinnedHttp.Progress()).build());
    }

    private ImiException transportFailure(Call call, IOException failure) {
        if (failure instanceof ImiException typed) {
            return typed;
        }
        LOG.debug("{} {} failed", call.request().method(), call.request().url(), failure);
        if (failure instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return ImiException.atServer(Reason.INTERRUPTED, server, 0, null, failure);
        }
        PinnedHttp.Progress progress = call.request().tag(PinnedHttp.Progress.class);
        return TransportFailures.describe(server, failure, progress != null && progress.connected());
    }
}
