package dev.ums.console.core;

import dev.ums.console.core.ImiException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the body of a successful recording answer to a file within bounds: at most {@code maxBytes}; never so much
 * that less than {@link ImiClient#KEEP_FREE_BYTES} stays free on the file's disk; and only an answer whose end can be
 * seen (a {@code Content-Length}, or chunks), so that a cut connection cannot pass for a whole recording. A declared
 * length past a bound is refused before a byte is written; bytes past a bound, or past the declared length, stop the
 * download there. The bytes go to a temporary file beside the target ({@code …part}, owner-only on POSIX) that
 * replaces the target only once every byte arrived; whatever stops a download deletes it and leaves the target as it
 * was, is logged with its numbers and thrown as a typed {@link ImiException}. Immutable; one download per call, on any
 * thread but the event thread.
 */
final class RecordingDownload {
    /** The free space of a folder's disk, as its {@link java.nio.file.FileStore} tells it; tests give a small disk. */
    interface FreeSpace {
        long usableBytes(Path directory) throws IOException;
    }

    /** The disk's own count. */
    static final FreeSpace DISK = directory -> Files.getFileStore(directory).getUsableSpace();
    private static final Logger LOG = LoggerFactory.getLogger(RecordingDownload.class);
    private static final int BUFFER_BYTES = 64 << 10;

    private final ServerAddress server;
    private final long maxBytes;
    private final FreeSpace freeSpace;

    RecordingDownload(ServerAddress server, long maxBytes, FreeSpace freeSpace) {
        this.server = server;
        this.maxBytes = maxBytes;
        this.freeSpace = freeSpace;
    }

    /** Writes {@code response}'s body to {@code target}, replacing it only when the whole body arrived. */
    void write(Response response, Path target) throws ImiException {
        String url = response.request().url().toString();
        long declared = declaredLength(response);
        if (declared < 0 && !"chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))) {
            LOG.warn("refused the recording {}: the answer declares no length and is not chunked, so its end "
                    + "could not be told from a cut connection", url);
            throw failure(Reason.RECORDING_WITHOUT_LENGTH, null, null, null);
        }
        if (declared > maxBytes) {
            LOG.warn("refused the recording {}: it declares {} bytes, more than the {} bytes this console downloads",
                    url, declared, maxBytes);
            throw tooLarge(declared + " bytes declared");
        }
        Path directory = target.toAbsolutePath().getParent();
        long room = room(directory);
        if (Math.max(declared, 0) > room) {    // a disk below its margin already takes no byte, declared or not
            LOG.warn("refused the recording {}: it declares {} bytes, and {} has room for {} bytes before less than "
                    + "{} bytes stay free", url, declared, directory, Math.max(room, 0), ImiClient.KEEP_FREE_BYTES);
            throw failure(Reason.NOT_ENOUGH_DISK_SPACE, directory.toString(), declared + " bytes declared", null);
        }
        Path part = createPart(directory, target);
        boolean whole = false;
        try {
            long received = copy(response, part, url, declared, room);
            if (declared >= 0 && received != declared) {
                LOG.warn("discarded the recording {}: {} bytes arrived of the {} declared", url, received, declared);
                throw failure(Reason.RECORDING_LENGTH_MISMATCH, null, declared + " bytes declared, " + received
                        + " sent", null);
            }
            replace(part, target);
            whole = true;
            LOG.debug("downloaded the recording {} ({} bytes) to {}", url, received, target);
        } finally {
            if (!whole) {
                deleteQuietly(part);
            }
        }
    }

    private long copy(Response response, Path part, String url, long declared, long room) throws ImiException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long received = 0;
        InputStream body = response.body().byteStream();    // closed with the response
        try (OutputStream out = Files.newOutputStream(part)) {
            while (true) {
                int n = read(body, buffer, url, received, declared);
                if (n < 0) {
                    break;
                }
                received += n;
                if (declared >= 0 && received > declared) {
                    LOG.warn("stopped the recording {}: more than the {} bytes it declared arrived", url, declared);
                    throw failure(Reason.RECORDING_LENGTH_MISMATCH, null, declared + " bytes declared, more sent",
                            null);
                }
                if (received > maxBytes) {
                    LOG.warn("stopped the recording {}: more than {} bytes arrived, the most this console downloads",
                            url, maxBytes);
                    throw tooLarge("more than " + maxBytes + " bytes sent");
                }
                if (received > room) {
                    LOG.warn("stopped the recording {} at {} bytes: {} would keep less than {} bytes free", url,
                            received, part.getParent(), ImiClient.KEEP_FREE_BYTES);
                    throw failure(Reason.NOT_ENOUGH_DISK_SPACE, part.getParent().toString(),
                            "more than " + room + " bytes sent", null);
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw notWritten(part, e);
                }
            }
        } catch (ImiException e) {
            throw e;
        } catch (IOException e) {
            // opening or closing the file; a failure to read the body is told apart in read()
            throw notWritten(part, e);
        }
        return received;
    }

    private int read(InputStream body, byte[] buffer, String url, long received, long declared) throws ImiException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            LOG.warn("the recording {} broke off after {} of {} bytes", url, received,
                    declared < 0 ? "an unknown number of" : declared, e);
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw failure(Reason.INTERRUPTED, null, null, e);
            }
            String far = SizeText.of(received) + (declared < 0 ? "" : " of " + SizeText.of(declared));
            throw failure(Reason.RECORDING_CUT_OFF, far,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** How many bytes the folder's disk takes before less than {@link ImiClient#KEEP_FREE_BYTES} stays free. */
    private long room(Path directory) throws ImiException {
        try {
            return freeSpace.usableBytes(directory) - ImiClient.KEEP_FREE_BYTES;
        } catch (IOException e) {
            throw notWritten(directory, e);
        }
    }

    private Path createPart(Path directory, Path target) throws ImiException {
        try {
            return Files.createTempFile(directory, target.getFileName() + "-", ".part");
        } catch (IOException e) {
            throw notWritten(directory, e);
        }
    }

    private void replace(Path part, Path target) throws ImiException {
        try {
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw notWritten(target, e);
        }
    }

    private static long declaredLength(Response response) {
        String header = response.header("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(header.strip());
            return length < 0 ? -1 : length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ImiException tooLarge(String detail) {
        return failure(Reason.RECORDING_TOO_LARGE, SizeText.of(maxBytes), detail, null);
    }

    private ImiException notWritten(Path where, IOException e) {
        LOG.warn("the recording could not be written to {}", where, e);
        return failure(Reason.RECORDING_NOT_WRITTEN, where.toString(), diskReason(e), e);
    }

    private ImiException failure(Reason reason, String subject, String detail, Throwable cause) {
        // the server answered 200; a failure on this computer's disk is no answer's status
        return ImiException.atServerAbout(reason, server, reason.kind() == ImiException.Kind.LOCAL_DISK ? 0 : 200,
                subject, detail, cause);
    }

    /** The disk's reason in a few words; a file system's message alone would repeat the path. */
    private static String diskReason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof AccessDeniedException) {
            return "access denied";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            LOG.warn("could not delete the incomplete download {}", part, e);
        }
    }
}
