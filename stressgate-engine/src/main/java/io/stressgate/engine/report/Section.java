package io.stressgate.engine.report;

import java.util.List;

/**
 * One titled part of a report, in a form independent of Markdown and HTML, so both reports say the same things
 * and differ only in syntax and escaping. Every string in it is plain text, escaped by the renderer.
 */
record Section(String id, String title, List<Block> blocks) {
    Section {
        blocks = List.copyOf(blocks);
    }

    Section(String id, String title, Block... blocks) {
        this(id, title, List.of(blocks));
    }
}
