package io.stressgate.engine.metrics;

import io.stressgate.engine.result.ProcessSummary;
import io.stressgate.engine.result.QueueSummary;
import io.stressgate.engine.result.Samples;
import io.stressgate.engine.result.SystemSummary;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the monitor hands to the results: peaks per process group, the machine's peaks (null when not sampled),
 * each queue's summary, the thinned sample table (null when nothing was sampled), and the metrics.csv file with
 * its row count (null when none was written or writing failed; see the log).
 */
public record MonitorReport(Map<String, ProcessSummary> processes, SystemSummary system,
                            Map<String, QueueSummary> queues, Samples samples, Path csvFile, long csvRows) {
    public MonitorReport {
        processes = Collections.unmodifiableMap(new LinkedHashMap<>(processes));
        queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    }
}
