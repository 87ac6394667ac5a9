package io.stressgate.engine.result;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The checks a results document passes before any tree is built: strict UTF-8 (no overlong forms, no encoded
 * surrogates), no lone surrogate in an escaped string, and no list or object with more entries than the limit. It
 * streams, so a document with a million entries is refused after the limit's worth of tokens, in constant memory.
 */
final class ResultsScanner {
    private final JsonFactory factory;
    private final int maxEntries;

    ResultsScanner(JsonFactory factory, int maxEntries) {
        this.factory = factory;
        this.maxEntries = maxEntries;
    }

    /** The document as text, exactly as its bytes say; what is stored is then what was checked. */
    String decode(byte[] bytes) throws ResultsException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new ResultsException(ResultsException.Kind.MALFORMED, pointerAt(bytes, at),
                    "not valid UTF-8 at byte " + at + " (0x" + String.format("%02x", bytes[at] & 0xff) + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * Whether the document is ASCII only without NUL (what the engine writes): then its bytes are valid UTF-8 as they
     * stand and are parsed as they are, without a decoded copy. (A NUL could make the parser take the bytes for
     * UTF-16 or UTF-32; such a document goes the decoder's way.)
     */
    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /** What one look at a document's bytes tells: ASCII only without NUL, and if so whether it holds a backslash-u. */
    enum Bytes { NOT_ASCII, ASCII, ASCII_WITH_ESCAPES }

    /** Eight bytes at a time, in the byte order that keeps each byte's place. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long BACKSLASHES = ONES * '\\';

    /**
     * {@link #isAscii} and {@link #containsEscape} in one pass over the bytes (a merge reads 90 MB of them): eight at a
     * time while none of the eight is a NUL, a byte above 127 or a backslash (most of a document), and byte by byte
     * over the eight that hold one. With the quick compiler this took a quarter of the time of a byte-by-byte look.
     */
    static Bytes look(byte[] bytes) {
        boolean escapes = false;
        int i = 0;
        int lastEight = bytes.length - 8;
        while (i < bytes.length) {
            while (i <= lastEight && plainEight((long) EIGHT_BYTES.get(bytes, i))) {
                i += 8;
            }
            for (int end = Math.min(i + 8, bytes.length); i < end; i++) {
                byte b = bytes[i];
                if (b <= 0) {
                    return Bytes.NOT_ASCII;
                }
                if (b == '\\' && i + 1 < bytes.length && bytes[i + 1] == 'u') {
                    escapes = true;
                }
            }
        }
        return escapes ? Bytes.ASCII_WITH_ESCAPES : Bytes.ASCII;
    }

    /** Whether none of eight bytes is NUL, above 127 or a backslash (the zero-byte test misses no zero byte). */
    private static boolean plainEight(long x) {
        long backslashes = x ^ BACKSLASHES;
        return ((x | (x - ONES) & ~x | (backslashes - ONES) & ~backslashes) & HIGH_BITS) == 0;
    }

    /**
     * Streams the text once, refusing lone surrogates and oversized lists or objects with the pointer of each. Text
     * decoded by {@link #decode} holds a surrogate only in pairs, so a lone one can come only from a backslash-u
     * escape: without any, the strings are not built (most of a results document is strings).
     */
    void scan(String text) throws ResultsException {
        scan(text.contains("\\u"), () -> factory.createParser(text));
    }

    /** {@link #scan(String)} for a document of ASCII only, read from its bytes. */
    void scanAscii(byte[] bytes) throws ResultsException {
        scan(containsEscape(bytes), () -> factory.createParser(bytes));
    }

    /** Opens the parser to scan with. */
    private interface Source {
        JsonParser open() throws IOException;
    }

    /** Duplicate keys are the tree's parse to refuse: looking for them here too would keep a set of every object's keys. */
    private void scan(boolean escapes, Source source) throws ResultsException {
        try (JsonParser parser = source.open()) {
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                checkCount(parser, token);
                if (!escapes) {
                    if (token == JsonToken.VALUE_STRING) {
                        parser.getTextLength(); // finishing a string is faster than the parser's skipping it
                    }
                    continue;
                }
                if (token == JsonToken.FIELD_NAME) {
                    checkUnicode(parser.currentName(), parser);
                } else if (token == JsonToken.VALUE_STRING) {
                    checkUnicode(parser.getText(), parser);
                }
            }
        } catch (StreamConstraintsException e) {
            throw new ResultsException(ResultsException.Kind.TOO_LARGE, "", e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new ResultsException(ResultsException.Kind.MALFORMED, "", "not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.MALFORMED, "", "not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    static boolean containsEscape(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\\' && bytes[i + 1] == 'u') {
                return true;
            }
        }
        return false;
    }

    void checkCount(JsonParser parser, JsonToken token) throws ResultsException {
        if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
            return;
        }
        JsonStreamContext context = parser.getParsingContext();
        JsonStreamContext container = token.isStructStart() ? context.getParent() : context;
        if (container == null || container.inRoot() || container.getEntryCount() <= maxEntries) {
            return;
        }
        throw new ResultsException(ResultsException.Kind.TOO_LARGE, container.getParent().pathAsPointer().toString(),
                "more than " + maxEntries + " entries, the limit");
    }

    static void checkUnicode(String text, JsonParser parser) throws ResultsException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ResultsException(ResultsException.Kind.MALFORMED, parser.getParsingContext().pathAsPointer().toString(),
                        "holds the lone surrogate U+" + String.format("%04X", (int) c) + ", which is not a character");
            }
        }
    }

    /** The pointer of the last token that starts at or before byte {@code at}: the value or key the bad byte is in. */
    private String pointerAt(byte[] bytes, int at) {
        String pointer = "";
        try (JsonParser parser = factory.createParser(bytes)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (parser.currentTokenLocation().getByteOffset() > at) {
                    break;
                }
                pointer = parser.getParsingContext().pathAsPointer().toString();
            }
        } catch (IOException e) {
            // the parser stumbled over the bad byte itself: the last pointer it reached is where it is
        }
        return pointer;
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
