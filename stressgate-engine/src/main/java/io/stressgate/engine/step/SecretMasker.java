package io.stressgate.engine.step;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Passes a process's output through line by line with every occurrence of a secret replaced by {@code ****}, so a
 * token that a tool prints by mistake never reaches the build log. Lines are held until their end (or until they
 * grow past a bound), so a secret split across two writes is still found. Closing it does not close the stream it
 * writes to.
 */
public final class SecretMasker extends OutputStream {
    static final int MAX_LINE = 64 * 1024;
    private static final byte[] MASK = "****".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final List<byte[]> secrets = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public SecretMasker(OutputStream out, List<String> secrets) {
        this.out = out;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                this.secrets.add(secret.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Passes on complete lines only; a partial line waits for its end so a secret is never cut in two. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Passes on the last, unfinished line; the stream written to (the build log) stays open. */
    @Override
    public void close() throws IOException {
        emit();
        out.flush();
    }

    private void emit() throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        out.write(mask(bytes));
    }

    byte[] mask(byte[] bytes) {
        ByteArrayOutputStream masked = new ByteArrayOutputStream(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            byte[] hit = secretAt(bytes, i);
            if (hit != null) {
                masked.write(MASK, 0, MASK.length);
                i += hit.length;
            } else {
                masked.write(bytes[i]);
                i++;
            }
        }
        return masked.toByteArray();
    }

    private byte[] secretAt(byte[] bytes, int at) {
        for (byte[] secret : secrets) {
            if (at + secret.length <= bytes.length
                    && Arrays.equals(bytes, at, at + secret.length, secret, 0, secret.length)) {
                return secret;
            }
        }
        return null;
    }
}
