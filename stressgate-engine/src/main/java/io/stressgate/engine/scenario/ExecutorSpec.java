package io.stressgate.engine.scenario;

import java.time.Duration;

/** How a phase schedules its iterations: closed model (virtual users), open model (arrival rate) or a burst. */
public sealed interface ExecutorSpec permits ExecutorSpec.ConstantVus, ExecutorSpec.RampingVus,
        ExecutorSpec.ConstantArrivalRate, ExecutorSpec.RampingArrivalRate, ExecutorSpec.SteppingArrivalRate,
        ExecutorSpec.Burst, ExecutorSpec.External {

    /** The executor's name as written in a scenario. */
    String type();

    /** How long the executor schedules new iterations. */
    Duration duration();

    /** True for the open model, where latency counts from the intended start and late starts are dropped. */
    default boolean open() {
        return false;
    }

    /** Closed model: a fixed number of virtual users loop for a duration. */
    record ConstantVus(int vus, Duration duration) implements ExecutorSpec {
        public String type() {
            return "constant-vus";
        }
    }

    /** Closed model: the number of virtual users follows linear stages from {@code startVus}. */
    record RampingVus(int startVus, java.util.List<VuStage> stages) implements ExecutorSpec {
        public RampingVus {
            stages = java.util.List.copyOf(stages);
        }

        public String type() {
            return "ramping-vus";
        }

        public Duration duration() {
            return stages.stream().map(VuStage::duration).reduce(Duration.ZERO, Duration::plus);
        }

        public int maxVus() {
            return stages.stream().mapToInt(VuStage::target).reduce(startVus, Math::max);
        }
    }

    /** One stage of a VU ramp: reach {@code target} users linearly over {@code duration}. */
    record VuStage(Duration duration, int target) {
    }

    /** Open model: iterations start at a fixed rate whatever the system does; at most {@code maxInFlight} at once. */
    record ConstantArrivalRate(Rate rate, Duration duration, int maxInFlight) implements ExecutorSpec {
        public String type() {
            return "constant-arrival-rate";
        }

        @Override
        public boolean open() {
            return true;
        }
    }

    /** Open model: the arrival rate follows linear stages from {@code startRate}. */
    record RampingArrivalRate(Rate startRate, java.util.List<RateStage> stages, int maxInFlight) implements ExecutorSpec {
        public RampingArrivalRate {
            stages = java.util.List.copyOf(stages);
        }

        public String type() {
            return "ramping-arrival-rate";
        }

        public Duration duration() {
            return stages.stream().map(RateStage::duration).reduce(Duration.ZERO, Duration::plus);
        }

        @Override
        public boolean open() {
            return true;
        }
    }

    /** One stage of a rate ramp: reach {@code target} linearly over {@code duration}. */
    record RateStage(Duration duration, Rate target) {
    }

    /**
     * Open model that looks for the breaking point: the arrival rate starts at {@code start} and rises by {@code step}
     * every {@code stepDuration} up to {@code max}; at the end of each step the {@code stopWhen} conditions (gate
     * grammar, on that step's figures) are checked, and the first that holds ends the phase.
     */
    record SteppingArrivalRate(Rate start, Rate step, Duration stepDuration, Rate max, java.util.List<StopCondition> stopWhen,
                               int maxInFlight) implements ExecutorSpec {
        public SteppingArrivalRate {
            stopWhen = java.util.List.copyOf(stopWhen);
        }

        public String type() {
            return "stepping-arrival-rate";
        }

        /** How many steps the phase has when nothing stops it: the rates start + k * step that do not exceed max. */
        public int steps() {
            return steps(start, step, max);
        }

        /** How many steps a ramp from {@code start} by {@code step} has up to {@code max} (0 when it never starts). */
        public static int steps(Rate start, Rate step, Rate max) {
            if (step.perSecond() <= 0 || max.perSecond() < start.perSecond()) {
                return 0;
            }
            return (int) Math.floor((max.perSecond() - start.perSecond()) / step.perSecond() + 1e-9) + 1;
        }

        /** The rate of step {@code index} (from 0). */
        public Rate rate(int index) {
            return new Rate(start.perSecond() + index * step.perSecond());
        }

        public Duration duration() {
            return stepDuration.multipliedBy(steps());
        }

        @Override
        public boolean open() {
            return true;
        }
    }

    /** A condition that ends a stepping phase when it holds on one step's figures, as written and where. */
    record StopCondition(GateExpression expression, Location location, String path) {
    }

    /**
     * A one-shot storm: {@code count} iterations that all intend to start at once (or spread evenly over
     * {@code spread}); latency counts from the intended start, so a server that cannot take them all shows it.
     */
    record Burst(int count, Duration spread, int maxInFlight) implements ExecutorSpec {
        public String type() {
            return "burst";
        }

        public Duration duration() {
            return spread;
        }

        @Override
        public boolean open() {
            return true;
        }
    }

    /**
     * An external load tool (Locust, JMeter, Gatling, k6) run as a process of the run: {@code tool} is started like a
     * service (argument array, run cookie, output kept, stopped with its children), expected to end after about
     * {@code duration} and killed after {@code timeout}; its own results file is read afterwards. An exit code in
     * {@code thresholdExitCodes} means the tool ran and its own thresholds failed: recorded, not an error.
     */
    record External(ServiceSpec tool, Duration duration, Duration timeout, ResultsFile results,
                    java.util.Set<Integer> thresholdExitCodes) implements ExecutorSpec {
        /** Placeholder for the phase's own output folder, replaced in the command, env and results path. */
        public static final String OUT = "{{out}}";

        public External {
            thresholdExitCodes = java.util.Set.copyOf(thresholdExitCodes);
        }

        public String type() {
            return "external";
        }
    }

    /** Where an external tool writes its results and in which tool's format (locust, jmeter, gatling, k6). */
    record ResultsFile(String format, String path) {
    }
}
