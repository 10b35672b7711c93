package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.VncProtocolException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;

/**
 * Tight JPEG through libjpeg-turbo's TurboJPEG API ({@code libturbojpeg.so.0}, Debian's {@code libturbojpeg0}),
 * called through the Foreign Function and Memory API: {@code tjDecompress2} decodes the whole picture straight into
 * the framebuffer's {@code int[]} as blue, green, red, unused bytes, which on a little-endian machine is the
 * framebuffer's 0xXXRRGGBB (the library writes 0xFF into the unused byte, which the framebuffer ignores). The arrays are passed to the library as they are, without
 * copies (critical calls, during which the garbage collector waits). Each instance owns a TurboJPEG handle, freed by
 * {@link #close()} or else when the instance is collected; one thread at a time. Loaded by {@link WholePictureJpeg#create()} on Java 22 or later
 * only; its constructor fails when the library is missing.
 */
final class TurboJpeg implements WholePictureJpeg {
    private static final int TJPF_BGRX = 3;
    private static final int TJERR_WARNING = 0;
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "turbojpeg-cleaner");
        t.setDaemon(true);
        return t;
    });

    /** The library's functions, looked up once. */
    private static final class Library {
        static final MethodHandle INIT_DECOMPRESS;
        static final MethodHandle DECOMPRESS_HEADER;
        static final MethodHandle DECOMPRESS;
        static final MethodHandle ERROR_STRING;
        static final MethodHandle ERROR_CODE;
        static final MethodHandle DESTROY;

        static {
            if (!java.nio.ByteOrder.nativeOrder().equals(java.nio.ByteOrder.LITTLE_ENDIAN)) {
                throw new IllegalStateException("TurboJPEG's BGRX layout matches the framebuffer only on little-endian machines");
            }
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup("libturbojpeg.so.0", Arena.global());
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
            java.lang.foreign.AddressLayout a = ValueLayout.ADDRESS;
            INIT_DECOMPRESS = linker.downcallHandle(lib.find("tjInitDecompress").orElseThrow(), FunctionDescriptor.of(a));
            DECOMPRESS_HEADER = linker.downcallHandle(lib.find("tjDecompressHeader3").orElseThrow(),
                    FunctionDescriptor.of(i, a, a, l, a, a, a, a), Linker.Option.critical(true));
            DECOMPRESS = linker.downcallHandle(lib.find("tjDecompress2").orElseThrow(),
                    FunctionDescriptor.of(i, a, a, l, a, i, i, i, i, i), Linker.Option.critical(true));
            ERROR_STRING = linker.downcallHandle(lib.find("tjGetErrorStr2").orElseThrow(), FunctionDescriptor.of(a, a));
            ERROR_CODE = linker.downcallHandle(lib.find("tjGetErrorCode").orElseThrow(), FunctionDescriptor.of(i, a));
            DESTROY = linker.downcallHandle(lib.find("tjDestroy").orElseThrow(), FunctionDescriptor.of(i, a));
        }
    }

    private final MemorySegment handle;
    /** Destroys the handle, once: at {@link #close()} or when the instance is collected. */
    private final Cleaner.Cleanable cleanable;
    private boolean closed;
    /** Width, height, subsampling and colour space that tjDecompressHeader3 writes. */
    private final int[] header = new int[4];

    TurboJpeg() {
        try {
            MemorySegment h = (MemorySegment) Library.INIT_DECOMPRESS.invokeExact();
            if (h.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("tjInitDecompress failed");
            }
            this.handle = h;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        MemorySegment h = handle;
        cleanable = CLEANER.register(this, () -> {
            try {
                int ignored = (int) Library.DESTROY.invokeExact(h);
            } catch (Throwable e) {
                // Nothing more to free.
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }

    @Override
    public void decode(byte[] jpeg, int length, int[] pixels, int offset, int stride, int w, int h)
            throws VncProtocolException {
        if (closed) {
            throw new IllegalStateException("the TurboJPEG handle is closed");
        }
        MemorySegment source = MemorySegment.ofArray(jpeg);
        MemorySegment sizes = MemorySegment.ofArray(header);
        int result;
        // A stream of tables only succeeds without writing the size: nothing from an earlier picture may be left.
        java.util.Arrays.fill(header, 0);
        try {
            result = (int) Library.DECOMPRESS_HEADER.invokeExact(handle, source, (long) length,
                    sizes, sizes.asSlice(4), sizes.asSlice(8), sizes.asSlice(12));
            // Any failure here is fatal: the error code may still say "warning" from a warning before it.
            if (result != 0 || header[0] <= 0 || header[1] <= 0) {
                throw corrupt();
            }
            if (header[0] != w || header[1] != h) {
                throw new VncProtocolException("The server sent a JPEG picture whose size does not match its rectangle.");
            }
            if ((long) offset + (long) (h - 1) * stride + w > pixels.length) {
                throw new IllegalArgumentException("rectangle outside the framebuffer");
            }
            MemorySegment target = MemorySegment.ofArray(pixels).asSlice(offset * 4L);
            result = (int) Library.DECOMPRESS.invokeExact(handle, source, (long) length, target, w, stride * 4, h,
                    TJPF_BGRX, 0);
        } catch (VncProtocolException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (result != 0 && !warningOnly()) {
            throw corrupt();
        }
    }

    /**
     * A warning while decoding (such as data ending early) still leaves a whole picture, as with the JDK's reader,
     * which goes on after warnings too.
     */
    private boolean warningOnly() {
        try {
            return (int) Library.ERROR_CODE.invokeExact(handle) == TJERR_WARNING;
        } catch (Throwable e) {
            return false;
        }
    }

    private VncProtocolException corrupt() {
        String detail;
        try {
            MemorySegment text = (MemorySegment) Library.ERROR_STRING.invokeExact(handle);
            detail = text.reinterpret(1024).getString(0);
        } catch (Throwable e) {
            detail = "no detail";
        }
        return new VncProtocolException("The server sent a corrupt JPEG picture.",
                new java.io.IOException("TurboJPEG: " + detail));
    }
}
