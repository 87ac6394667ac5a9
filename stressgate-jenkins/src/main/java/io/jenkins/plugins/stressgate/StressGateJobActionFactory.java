package io.jenkins.plugins.stressgate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Adds the trend action to every job whose last builds ran {@code stressTest}, whatever their result, so the trend
 * stays visible after failed builds (core's LastBuildAction would only look at the last successful or unstable one).
 */
@Extension
@SuppressWarnings("rawtypes")
public final class StressGateJobActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return StressGateJobAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        Job<?, ?> job = target;
        return BuildHistory.hasStressRuns(job, BuildHistory.PRESENCE_BUILDS) ? List.of(new StressGateJobAction(job)) : List.of();
    }
}
