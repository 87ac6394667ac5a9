package io.stressgate.engine.imports;

import java.util.Arrays;

/**
 * A small open-addressing map from byte strings to values, looked up by a slice of a buffer, so the hot loop of a
 * reader finds a label or status it has seen without decoding or allocating a String.
 */
final class ByteKeys<V> {
    private byte[][] keys = new byte[64][];
    private Object[] values = new Object[64];
    private int size;

    @SuppressWarnings("unchecked")
    V get(byte[] buf, int from, int to) {
        int mask = keys.length - 1;
        for (int i = hash(buf, from, to) & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return null;
            }
            if (Arrays.equals(k, 0, k.length, buf, from, to)) {
                return (V) values[i];
            }
        }
    }

    void put(byte[] buf, int from, int to, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(Arrays.copyOfRange(buf, from, to), value);
        size++;
    }

    private void insert(byte[] key, Object value) {
        int mask = keys.length - 1;
        int i = hash(key, 0, key.length) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        Object[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        values = new Object[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(byte[] buf, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
