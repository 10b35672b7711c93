package dev.ums.console.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Runs an OkHttp call so that interrupting the waiting thread cancels it, as the console's Cancel button does: OkHttp's
 * own {@code execute()} keeps blocking in a socket read when its thread is interrupted. The call runs on OkHttp's
 * dispatcher; the caller waits for the response's headers and then reads the body itself. Any thread but the Swing
 * event thread.
 */
final class InterruptibleCall {
    private InterruptibleCall() {
    }

    /**
     * The response to {@code call}, which the caller must close.
     *
     * @throws InterruptedIOException if the waiting thread was interrupted (its interrupt flag stays set)
     */
    static Response execute(Call call) throws IOException {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void onResponse(Call done, Response response) {
                if (!answer.complete(response)) {
                    response.close();
                }
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            call.cancel();
            if (!answer.cancel(false) && !answer.isCompletedExceptionally()) {
                answer.join().close();
            }
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + call.request().url());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IOException(e.getCause());
        }
    }
}
