package io.stressgate.server.web;

import io.javalin.Javalin;
import io.stressgate.server.store.RunStore;

/** The HTML pages (filled in later). */
final class Pages {
    private final QueryApi query;
    private final RunStore runs;

    Pages(QueryApi query, RunStore runs) {
        this.query = query;
        this.runs = runs;
    }

    void register(Javalin app) {
        new Assets().register(app);
    }
}
