package io.stressgate.engine.step;

import io.stressgate.engine.result.OrphanReport;
import java.util.List;

/** What {@code stressgate orphans --json} writes: how many processes were checked and those that outlived the run. */
public record OrphanScan(long checked, List<OrphanReport> orphans) {
    public OrphanScan {
        orphans = List.copyOf(orphans);
    }
}
