package dev.ums.viewer;

/** The pixel format the client asks the server for: full colour, or fewer bits to save bandwidth. */
public enum ColorDepth {
    /** 32 bits per pixel, 8 bits per channel: exact colours. */
    TRUE_COLOR_24,
    /** 16 bits per pixel, RGB 5-6-5. */
    HIGH_COLOR_16,
    /** 8 bits per pixel through a colour map the server sends. */
    INDEXED_8
}
