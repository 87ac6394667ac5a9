package io.stressgate.engine.report;

import io.stressgate.engine.result.Histograms;
import io.stressgate.engine.result.IntervalPoint;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * A test program: writes every report of a run of an hour of 1 s intervals, each with its compressed histogram of
 * 16,000 requests (what a merge of 16 shards x 1 h writes), into the directory given, then prints
 * "written BYTES" with the size of the results.json it wrote. Run in a JVM with a small heap by
 * {@link ReportWriterHeapIT}.
 */
public final class HourOfIntervals {
    static final int INTERVALS = 3_600;
    /** 16 shards x 1,000 requests a second. */
    static final int PER_INTERVAL = 16_000;

    private HourOfIntervals() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        RunResults run = run();
        new ReportWriter().write(run, dir);
        System.out.println("written " + Files.size(dir.resolve(ReportWriter.RESULTS)));
    }

    static RunResults run() {
        Random random = new Random(42);
        Histogram h = Histograms.forRequests();
        List<IntervalPoint> points = new ArrayList<>(INTERVALS);
        for (int s = 1; s <= INTERVALS; s++) {
            h.reset();
            for (int i = 0; i < PER_INTERVAL; i++) {
                Histograms.record(h, 200 + (long) Math.abs(random.nextGaussian() * 5_000) + (random.nextInt(1000) == 0 ? 400_000 : 0));
            }
            points.add(new IntervalPoint(s, PER_INTERVAL, 0, 0, PER_INTERVAL, Histograms.percentileMs(h, 50), Histograms.percentileMs(h, 95),
                    Histograms.percentileMs(h, 99), Histograms.round(h.getMaxValue() / 1000.0), 4, Histograms.pack(h)));
        }
        return ReportFixtures.run().toBuilder().timeSeries(new TimeSeries(1000, points, Map.of())).build();
    }
}
