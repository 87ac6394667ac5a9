package io.stressgate.engine.result;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * A parser that applies {@link ResultsScanner}'s checks (entries per list or object, lone surrogates) to every token
 * as it is read, so a results document is checked and read in one pass instead of being scanned once before it.
 * Every way of advancing goes through {@link #nextToken}, so nothing is read unchecked; a refusal leaves as a
 * {@link Refusal} that the reader unwraps.
 */
final class CheckingParser extends JsonParserDelegate {
    private final ResultsScanner scanner;
    private final boolean escapes;

    /** The check's refusal, carried through the parser's and the mapper's IOException signatures. */
    static final class Refusal extends IOException {
        private final ResultsException refusal;

        Refusal(ResultsException refusal) {
            super(refusal.getMessage(), refusal);
            this.refusal = refusal;
        }

        ResultsException refusal() {
            return refusal;
        }
    }

    /** {@code escapes}: whether the document holds a backslash-u escape, the only way to a lone surrogate. */
    CheckingParser(JsonParser parser, ResultsScanner scanner, boolean escapes) {
        super(parser);
        this.scanner = scanner;
        this.escapes = escapes;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        try {
            if (token != null) {
                scanner.checkCount(delegate, token);
                if (escapes && token == JsonToken.FIELD_NAME) {
                    ResultsScanner.checkUnicode(delegate.currentName(), delegate);
                } else if (escapes && token == JsonToken.VALUE_STRING) {
                    ResultsScanner.checkUnicode(delegate.getText(), delegate);
                }
            }
        } catch (ResultsException e) {
            throw new Refusal(e);
        }
        return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    /** Skips token by token, so what is skipped is checked too. */
    @Override
    public JsonParser skipChildren() throws IOException {
        if (currentToken() != JsonToken.START_OBJECT && currentToken() != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken token = nextToken();
            if (token == null) {
                return this;
            }
            open += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        }
        return this;
    }
}
