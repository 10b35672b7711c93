package dev.ums.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a temporary directory tree without following links (a link in it is removed, not what it names), logging
 * what could not be removed instead of failing the exit.
 */
final class TempTree {
    private static final Logger LOG = LoggerFactory.getLogger(TempTree.class);

    private TempTree() {
    }

    /** Answers whether {@code root} is gone now. */
    static boolean delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return true;
        } catch (IOException | UncheckedIOException e) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                return true; // removed meanwhile by another demo starting at the same time
            }
            LOG.warn("could not remove the demo's temporary directory {}: {}", root, e.getMessage());
            return false;
        }
    }
}
