package io.stressgate.engine.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * What a request sends: nothing, text that may hold placeholders, fixed bytes (a small file or multipart form), or
 * a large body streamed piece by piece (a large file, a multipart form holding one, or generated filler).
 */
public sealed interface Body permits Body.None, Body.Text, Body.Bytes, Body.Streamed {
    Body NONE = new None();

    /** Files up to this size are read once when the scenario loads; larger ones are streamed from disk per request. */
    long STREAM_ABOVE = 1L << 20;

    /** The Content-Type header value, or null when there is no body. */
    String contentType();

    /** No body. */
    record None() implements Body {
        public String contentType() {
            return null;
        }
    }

    /**
     * A text body, rendered per request when it holds placeholders; {@code json} when it was written as {@code json:},
     * so that each placeholder stands inside a JSON string and its value is escaped as one.
     */
    record Text(Template template, String contentType, boolean json) implements Body {
        /** A raw text body ({@code body:}): values go in as they are. */
        public Text(Template template, String contentType) {
            this(template, contentType, false);
        }
    }

    /** A fixed byte body, read once when the scenario is loaded. */
    record Bytes(byte[] data, String contentType) implements Body {
    }

    /** A body sent piece by piece without being held: its length is known up front, its bytes are read as sent. */
    record Streamed(List<Piece> pieces, String contentType) implements Body {
        public Streamed {
            pieces = List.copyOf(pieces);
        }

        /** The Content-Length: the sum of the pieces' lengths. */
        public long length() {
            return pieces.stream().mapToLong(Piece::length).sum();
        }
    }

    /** One run of bytes of a streamed body. */
    sealed interface Piece permits Fixed, FilePart, Filler {
        long length();
    }

    /** Bytes held in memory (a multipart boundary and part headers). */
    record Fixed(byte[] data) implements Piece {
        public long length() {
            return data.length;
        }
    }

    /** A file read from disk as it is sent; {@code length} is its size at validation, which it must still have. */
    record FilePart(Path file, long length) implements Piece {
    }

    /** {@code length} bytes of {@link FillerBytes}, generated as they are sent. */
    record Filler(long length) implements Piece {
    }
}
