package io.stressgate.engine.load;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Timed} entries by due time, owned by one event loop. Entries remember their heap
 * index, so rescheduling and cancelling are O(log n) and nothing is allocated once the array has grown.
 */
final class TimerHeap {
    /** Something an event loop wakes at a nanoTime. */
    abstract static class Timed {
        long due;
        int heapIndex = -1;

        /** Called on the loop thread when the due time has come. */
        abstract void fire(long now);

        boolean scheduled() {
            return heapIndex >= 0;
        }
    }

    /**
     * Room for this many timers before the array grows: enough for most runs' connections and iterations, so a
     * run's first seconds never take the growing path its warm-up did not (compiled code would be thrown back to
     * the interpreter exactly then).
     */
    static final int INITIAL_CAPACITY = 4096;

    private Timed[] heap = new Timed[INITIAL_CAPACITY];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The earliest due time, or Long.MAX_VALUE when empty. */
    long nextDue() {
        return size == 0 ? Long.MAX_VALUE : heap[0].due;
    }

    /** Schedules (or reschedules) {@code t} at {@code due}. */
    void schedule(Timed t, long due) {
        if (t.heapIndex >= 0) {
            cancel(t);
        }
        t.due = due;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = t;
        t.heapIndex = size;
        up(size++);
    }

    void cancel(Timed t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        Timed last = heap[--size];
        heap[size] = null;
        t.heapIndex = -1;
        if (i != size) {
            heap[i] = last;
            last.heapIndex = i;
            down(i);
            up(last.heapIndex);
        }
    }

    /** Fires every entry due at or before {@code now}, at most {@code limit} of them; returns how many fired. */
    int fireDue(long now, int limit) {
        int fired = 0;
        while (size > 0 && heap[0].due - now <= 0 && fired < limit) {
            Timed t = heap[0];
            cancel(t);
            t.fire(now);
            fired++;
        }
        return fired;
    }

    private void up(int i) {
        Timed t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timed p = heap[parent];
            if (p.due - t.due <= 0) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void down(int i) {
        Timed t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].due - heap[child].due < 0) {
                child = right;
            }
            if (t.due - heap[child].due <= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}
