package io.stressgate.engine.load;

/** Hears about a run while it goes: once per interval, on the control thread; must return quickly. */
public interface LoadListener {
    LoadListener NONE = live -> { };

    void onInterval(LiveStats live);
}
