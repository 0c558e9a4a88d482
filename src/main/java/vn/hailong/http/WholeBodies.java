package vn.hailong.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Receives each request body in full before a handler runs, without holding a thread while it arrives: a client
 * that sends its body a few bytes at a time costs memory for what it sent, not one of the server's threads. The
 * handlers, which read bodies the blocking way, then find them already there.
 * <p>
 * A body must keep up an average of {@code minBytesPerSecond} once {@link #GRACE} has passed, or it gets 408 and
 * the connection is closed (a client that sends nothing at all is closed by the connector's idle timeout). Bodies
 * larger than {@code maxBytes} get 413. Uploads that their handler streams to a file (paths in {@code streamed})
 * pass through unread: they are for signed-in callers only, and their handler bounds how many run at once.
 */
public final class WholeBodies extends Handler.Wrapper {
    /** Time a body gets before its rate is judged: a first packet may lag its headers on a poor mobile link. */
    static final long GRACE = TimeUnit.SECONDS.toNanos(2);

    private final int maxBytes;
    private final long minBytesPerSecond;
    private final Set<String> streamed;

    public WholeBodies(int maxBytes, long minBytesPerSecond, Set<String> streamed) {
        this.maxBytes = maxBytes;
        this.minBytesPerSecond = minBytesPerSecond;
        this.streamed = streamed;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length == 0 || (length < 0 && !chunked) || length > maxBytes
                || streamed.contains(Request.getPathInContext(request))) {
            // Nothing to wait for, or too large: the application answers 413 without reading it.
            return super.handle(request, response, callback);
        }
        new Receiving(request, response, callback, length).run();
        return true;
    }

    /** Reads what has arrived, asks to be called again when more does, and hands the request on when it is all there. */
    private final class Receiving implements Invocable.Task {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long started = System.nanoTime();
        private byte[] body;
        private int size;

        Receiving(Request request, Response response, Callback callback, long length) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.body = new byte[length > 0 ? (int) length : 4096];
        }

        @Override
        public void run() {
            while (true) {
                var chunk = request.read();
                if (chunk == null) {
                    if (tooSlow()) {
                        refuse(response, callback, HttpStatus.REQUEST_TIMEOUT_408,
                                "The request body arrived too slowly; send it again.");
                    } else {
                        request.demand(this);
                    }
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    callback.failed(chunk.getFailure()); // the client went away
                    return;
                }
                var bytes = chunk.getByteBuffer();
                if (size + bytes.remaining() > maxBytes) {
                    chunk.release();
                    refuse(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                            "The request body is larger than " + maxBytes / 1_000_000 + " MB.");
                    return;
                }
                if (size + bytes.remaining() > body.length) {
                    body = Arrays.copyOf(body, Math.min(maxBytes, Math.max(body.length * 2, size + bytes.remaining())));
                }
                int n = bytes.remaining();
                bytes.get(body, size, n);
                size += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    var received = new Received(request, ByteBuffer.wrap(body, 0, size));
                    request.getContext().execute(() -> handleWith(received, response, callback));
                    return;
                }
            }
        }

        private boolean tooSlow() {
            long elapsed = System.nanoTime() - started - GRACE;
            return elapsed > 0 && size < minBytesPerSecond * elapsed / 1_000_000_000L;
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }

    private void handleWith(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable t) {
            Response.writeError(request, response, callback, t);
        }
    }

    /** Answers as the application's errors do, and closes the connection: what is left of the body is not read. */
    private static void refuse(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        var json = "{\"status\":" + status + ",\"message\":\"" + message + "\"}";
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The request with its body already received. */
    private static final class Received extends Request.Wrapper {
        private Content.Chunk body;

        Received(Request request, ByteBuffer bytes) {
            super(request);
            this.body = Content.Chunk.from(bytes, true);
        }

        @Override
        public Content.Chunk read() {
            var chunk = body;
            body = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public boolean consumeAvailable() {
            body = Content.Chunk.EOF;
            return true;
        }
    }
}
