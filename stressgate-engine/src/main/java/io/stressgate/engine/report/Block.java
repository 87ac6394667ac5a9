package io.stressgate.engine.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A piece of a report section: labelled figures, a table, a plain list, or a callout that must not be missed. */
sealed interface Block permits Block.Facts, Block.Table, Block.Bullets, Block.Callout {

    /** Labelled figures such as "Requests: 1,420". */
    record Facts(List<Fact> facts) implements Block {
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    /** One labelled figure; with a tone, its first word is a verdict shown as a badge. */
    record Fact(String label, String value, Tone tone) {
        Fact(String label, String value) {
            this(label, value, null);
        }
    }

    /** A table cell; with a tone, its first word is a verdict shown as a badge. */
    record Cell(String text, Tone tone) {
        static Cell plain(String text) {
            return new Cell(text, null);
        }
    }

    /** A table; {@code numeric} marks the columns aligned right. */
    record Table(List<String> headers, List<Boolean> numeric, List<List<Cell>> rows) implements Block {
        public Table {
            headers = List.copyOf(headers);
            numeric = List.copyOf(numeric);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A plain list of lines. */
    record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /** A sentence shown prominently; {@code severe} for what breaks trust in the run (not completed, saturated). */
    record Callout(boolean severe, String title, String text) implements Block {
    }

    /** Builds a table row by row; a column whose header ends with {@code #} is numeric (the mark is dropped). */
    final class TableBuilder {
        private final List<String> headers = new ArrayList<>();
        private final List<Boolean> numeric = new ArrayList<>();
        private final List<List<Cell>> rows = new ArrayList<>();

        TableBuilder(String... columns) {
            for (String column : columns) {
                boolean number = column.endsWith("#");
                headers.add(number ? column.substring(0, column.length() - 1) : column);
                numeric.add(number);
            }
        }

        TableBuilder row(String... cells) {
            return row(Arrays.stream(cells).map(Cell::plain).toArray(Cell[]::new));
        }

        TableBuilder row(Cell... cells) {
            if (cells.length != headers.size()) {
                throw new IllegalArgumentException("row of " + cells.length + " cells for " + headers.size() + " columns "
                        + headers);
            }
            rows.add(Arrays.stream(cells).map(c -> c.text() == null ? new Cell(Figures.NONE, c.tone()) : c).toList());
            return this;
        }

        Table build() {
            return new Table(headers, numeric, rows);
        }
    }
}
