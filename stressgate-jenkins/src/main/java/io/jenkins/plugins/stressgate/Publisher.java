package io.jenkins.plugins.stressgate;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import io.stressgate.engine.step.LaunchCommand;
import io.stressgate.engine.step.PublishContext;
import io.stressgate.engine.step.PublishTarget;
import io.stressgate.engine.step.RunJudge;
import io.stressgate.engine.step.StepOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Publishes a run's output directory to the reporting service with {@code stressgate publish}: the token comes from
 * a Secret text credential the build may use, and reaches the CLI only as an environment variable, masked in the log.
 */
final class Publisher {
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Publisher() {
    }

    static StepOutcome publish(Run<?, ?> run, AgentCli cli, EnvVars env, PublishTarget target, FilePath outDir)
            throws IOException, InterruptedException {
        RunJudge judge = new RunJudge();
        String server = target.server().toString();
        StringCredentials credentials = CredentialsProvider.findCredentialById(target.credentialsId(), StringCredentials.class,
                run, Collections.emptyList());
        if (credentials == null) {
            return judge.notPublished(server, "no Secret text credential with ID '" + target.credentialsId()
                    + "' is available to this build", outDir.getRemote());
        }
        CredentialsProvider.track(run, credentials);
        String root = Jenkins.get().getRootUrl();
        PublishContext context = PublishContext.of(target.server(), run.getParent().getFullName(), run.getNumber(),
                env.get("BRANCH_NAME"), env.get("GIT_COMMIT"), root == null ? null : root + run.getUrl());
        LaunchCommand command = cli.commands().publish(context, outDir.getRemote(), credentials.getSecret().getPlainText());
        AgentCli.Exit exit = cli.launch(command, outDir, TIMEOUT);
        return judge.published(server, exit.code(), outDir.getRemote());
    }
}
