package dev.ums.viewer;

import dev.ums.testkit.rfb.Bytes;
import java.util.zip.Deflater;

/**
 * Server streams whose one FramebufferUpdate makes the viewer paint far more than the bytes it takes: each of
 * {@code count} rectangles of a few bytes covers the whole desktop. What a hostile VNC server can send; for the
 * tests of the viewer's bound on it and for measuring what such an update costs. One thread.
 */
public final class OverdrawingUpdates {
    /** How one rectangle covers the whole desktop in a few bytes. */
    public enum Kind {
        /** Tight fill: header, control byte, one TPIXEL. */
        TIGHT_FILL,
        /** CopyRect of the whole desktop onto itself. */
        COPY_RECT,
        /** RRE: a background colour and no sub-rectangles. */
        RRE_BACKGROUND,
        /** ZRLE: every 64×64 tile solid, the zlib stream compressing the repetition to a few bytes. */
        ZRLE_SOLID,
        /** One RRE rectangle of the whole desktop whose {@code count} sub-rectangles each cover all of it. */
        RRE_SUBRECTANGLES,
        /** DesktopSize back and forth between 7680×4320 and 7680×4319, the largest desktop: a new picture each. */
        DESKTOP_SIZE_CHANGES,
        /** Tight fill of one pixel: the same bytes as {@link #TIGHT_FILL} without the painting. */
        TIGHT_FILL_ONE_PIXEL
    }

    private OverdrawingUpdates() {
    }

    /** The greeting of a {@code width×height} desktop and then one update of {@code count} rectangles. */
    public static byte[] stream(Kind kind, int width, int height, int count) {
        Bytes b = ScriptedServer.greeting(width, height);
        update(b, kind, width, height, count);
        return b.toArray();
    }

    /**
     * The greeting and then {@code count} rectangles in updates of {@code perUpdate} each: a server that keeps each
     * update within the viewer's bound and sends many.
     */
    public static byte[] stream(Kind kind, int width, int height, int count, int perUpdate) {
        Bytes b = ScriptedServer.greeting(width, height);
        for (int sent = 0; sent < count; sent += perUpdate) {
            update(b, kind, width, height, Math.min(perUpdate, count - sent));
        }
        return b.toArray();
    }

    /** Writes one FramebufferUpdate of {@code count} rectangles (or sub-rectangles) of {@code kind} to {@code b}. */
    static void update(Bytes b, Kind kind, int width, int height, int count) {
        b.u8(0, 0).u16(kind == Kind.RRE_SUBRECTANGLES ? 1 : count);   // FramebufferUpdate, padding, rectangles
        switch (kind) {
            case TIGHT_FILL -> {
                for (int i = 0; i < count; i++) {
                    b.u16(0, 0, width, height).s32(7).u8(0x80).tpixel(colour(i));   // fill, no stream reset
                }
            }
            case TIGHT_FILL_ONE_PIXEL -> {
                for (int i = 0; i < count; i++) {
                    b.u16(0, 0, 1, 1).s32(7).u8(0x80).tpixel(colour(i));
                }
            }
            case COPY_RECT -> {
                for (int i = 0; i < count; i++) {
                    b.u16(0, 0, width, height).s32(1).u16(0, 0);                    // source: the same place
                }
            }
            case RRE_BACKGROUND -> {
                for (int i = 0; i < count; i++) {
                    b.u16(0, 0, width, height).s32(2).s32(0).pixel32(colour(i));    // no sub-rectangles
                }
            }
            case RRE_SUBRECTANGLES -> {
                b.u16(0, 0, width, height).s32(2).s32(count).pixel32(0);
                for (int i = 0; i < count; i++) {
                    b.pixel32(colour(i)).u16(0, 0, width, height);
                }
            }
            case DESKTOP_SIZE_CHANGES -> {
                for (int i = 0; i < count; i++) {
                    b.u16(0, 0, 7680, i % 2 == 0 ? 4320 : 4319).s32(-223);
                }
            }
            case ZRLE_SOLID -> zrleSolid(b, width, height, count);
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    private static void zrleSolid(Bytes b, int width, int height, int count) {
        int tiles = ((width + 63) / 64) * ((height + 63) / 64);
        Deflater deflater = new Deflater();
        try {
            for (int i = 0; i < count; i++) {
                Bytes solid = new Bytes();
                for (int t = 0; t < tiles; t++) {
                    solid.u8(1).cpixel(colour(i));                                  // a solid tile
                }
                byte[] z = Bytes.deflate(deflater, solid.toArray());
                b.u16(0, 0, width, height).s32(16).s32(z.length).raw(z);
            }
        } finally {
            deflater.end();
        }
    }

    /** Colours that change from rectangle to rectangle, as a server drawing something would send. */
    private static int colour(int i) {
        return (i * 0x010305) & 0xffffff;
    }
}
