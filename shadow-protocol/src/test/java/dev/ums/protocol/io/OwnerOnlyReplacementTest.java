package dev.ums.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing a file through an owner-only part file, on the real file system. */
class OwnerOnlyReplacementTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsReplacedOwnerOnlyAndNoPartFileStays() throws Exception {
        Path file = Files.writeString(dir.resolve("frame.png"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyReplacement.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(names()).containsExactly("frame.png");
    }

    @Test
    void aLinkAtTheNameIsReplacedNotFollowed() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("someone-elses.txt"), "kept");
        Path file = Files.createSymbolicLink(dir.resolve("frame.png"), elsewhere);

        OwnerOnlyReplacement.write(file, out -> out.write(1));

        assertThat(elsewhere).hasContent("kept");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readAllBytes(file)).containsExactly(1);
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoPartFile() throws Exception {
        Path file = Files.writeString(dir.resolve("frame.png"), "old");

        assertThatThrownBy(() -> OwnerOnlyReplacement.write(file, out -> {
            out.write(1);
            throw new IOException("the encoder failed");
        })).hasMessage("the encoder failed");

        assertThat(file).hasContent("old");
        assertThat(names()).containsExactly("frame.png");
    }

    /** A name near the file system's 255 bytes: its part file's name once passed them, and nothing could be written. */
    @Test
    void aFileWhoseNameIsNearTheLongestAllowedIsWritten() throws Exception {
        // ASCII, so the name is one whatever the locale's encoding of file names; multi-byte names are cut below
        Path file = dir.resolve("d".repeat(251) + ".png");

        OwnerOnlyReplacement.write(file, out -> out.write(1));

        assertThat(Files.readAllBytes(file)).containsExactly(1);
        assertThat(names()).containsExactly(file.getFileName().toString());
    }

    @Test
    void thePartFilesNameKeepsWholeCharactersWithinItsBound() {
        assertThat(OwnerOnlyReplacement.cut("frame.png")).isEqualTo("frame.png");
        assertThat(OwnerOnlyReplacement.cut("d".repeat(300))).hasSize(OwnerOnlyReplacement.NAME_BYTES_KEPT);
        assertThat(OwnerOnlyReplacement.cut("ü".repeat(100))).isEqualTo("ü".repeat(60));
        assertThat(OwnerOnlyReplacement.cut("a" + "😀".repeat(40))).isEqualTo("a" + "😀".repeat(29));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
