package io.stressgate.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.Histograms;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalBookTest {

    @Test
    void shouldReopenASealedIntervalForALateSampleWithoutLosingIt() {
        IntervalBook book = new IntervalBook(1000);
        book.add("a", 500, 1_000, false, 1);
        for (int s = 1; s <= 40; s++) {
            book.add("a", s * 1000L + 10, 2_000, false, 1);
        }
        book.add("b", 700, 50_000, true, 3);

        List<IntervalFigures> all = book.all(0);

        assertThat(all).hasSize(41);
        assertThat(all.get(0).requests()).isEqualTo(2);
        assertThat(all.get(0).failures()).isEqualTo(1);
        assertThat(all.get(0).users()).isEqualTo(3L);
        assertThat(Histograms.decode(all.get(0).histogram()).getMaxValue()).isBetween(49_950L, 50_050L);
        assertThat(book.byName(List.of("a", "b"), 0).get("b")).extracting(IntervalFigures::requests).containsExactly(1L);
    }

    @Test
    void shouldDoubleTheIntervalPastTheLimitAndKeepEveryCount() {
        IntervalBook book = new IntervalBook(1000);
        int seconds = IntervalBook.MAX_INTERVALS + 500;
        for (int s = 0; s < seconds; s++) {
            book.add(s % 2 == 0 ? "even" : "odd", s * 1000L, 1_000 + s, false, -1);
            book.add("even", s * 1000L + 999, 1_000, false, -1);
        }

        List<IntervalFigures> all = book.all(0);

        assertThat(book.intervalMs()).isEqualTo(2000);
        assertThat(all).hasSize((seconds + 1) / 2);
        assertThat(all.stream().mapToLong(IntervalFigures::requests).sum()).isEqualTo(2L * seconds);
        assertThat(all.stream().mapToLong(f -> Histograms.decode(f.histogram()).getTotalCount()).sum())
                .isEqualTo(2L * seconds);
        assertThat(all.get(0).endMs()).isEqualTo(2000);
        assertThat(all.get(0).users()).isNull();
        assertThat(book.byName(List.of("even", "odd"), 0).get("odd").stream().mapToLong(IntervalFigures::requests).sum())
                .isEqualTo(seconds / 2);
    }
}
