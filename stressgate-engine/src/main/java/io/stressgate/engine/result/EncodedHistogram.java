package io.stressgate.engine.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Inflater;

/**
 * An interval's histogram in the library's compressed encoding (a cookie, the length, the deflated counts), held as
 * those bytes; results.json carries them in base64. An hour of 1 s intervals holds 3,600 of them per shard, so a
 * merge of 16 shards reads 57,600: kept as base64 strings they were built character by character, checked by
 * decoding, and decoded again to be added, where the reader now decodes each once, straight from the file's bytes.
 * Immutable: the bytes are never handed out, only fed to an inflater or copied.
 */
@JsonSerialize(using = EncodedHistogram.Base64Writer.class)
public final class EncodedHistogram {
    private final byte[] bytes;

    private EncodedHistogram(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The histogram whose encoding is {@code base64}; refuses text that is not base64. */
    @JsonCreator
    public static EncodedHistogram ofBase64(String base64) {
        return new EncodedHistogram(Base64.getDecoder().decode(base64));
    }

    /** Takes {@code bytes} as they are, to keep: the caller gives up the array. */
    static EncodedHistogram owning(byte[] bytes) {
        return new EncodedHistogram(bytes);
    }

    /** The encoding in base64, as results.json writes it. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The number of bytes of the encoding. */
    public int length() {
        return bytes.length;
    }

    /** A copy of the encoding. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Gives {@code inflater} the deflated part, what follows the 8 bytes of cookie and length; false, with nothing
     * given, when the encoding is too short to have one.
     */
    public boolean feed(Inflater inflater) {
        if (bytes.length < 8) {
            return false;
        }
        inflater.setInput(bytes, 8, bytes.length - 8);
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedHistogram other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return base64();
    }

    /**
     * Writes the base64 straight into the generator's buffer (the padded standard alphabet without line breaks,
     * character for character what {@link #base64()} gives), not through a string of it.
     */
    static final class Base64Writer extends StdSerializer<EncodedHistogram> {
        Base64Writer() {
            super(EncodedHistogram.class);
        }

        @Override
        public void serialize(EncodedHistogram value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, value.bytes, 0, value.bytes.length);
        }
    }
}
