package io.jenkins.plugins.stressgate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.stressgate.engine.step.AgentJarCache;
import io.stressgate.engine.step.CliCommands;
import io.stressgate.engine.step.JavaSelector;
import io.stressgate.engine.step.LaunchCommand;
import io.stressgate.engine.step.Received;
import io.stressgate.engine.step.SecretMasker;
import io.stressgate.engine.step.StepDocuments;
import io.stressgate.engine.step.StepFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The CLI on the agent of one step call: the agent runner jar (copied once per agent), the Java that starts it, and
 * how a planned {@link LaunchCommand} is started through the build's {@link Launcher}, waited for, and stopped with its children
 * when the build is aborted. Files it wrote are read back through {@link FetchConfinedFile}.
 */
final class AgentCli {
    private static final Logger LOGGER = Logger.getLogger(AgentCli.class.getName());

    /** How a launched process ended: its exit code, and whether the step's time limit stopped it. */
    record Exit(int code, boolean timedOut) {
    }

    private final Launcher launcher;
    private final TaskListener listener;
    private final FilePath tempRoot;
    private final CliCommands commands;

    private AgentCli(Launcher launcher, TaskListener listener, FilePath tempRoot, CliCommands commands) {
        this.launcher = launcher;
        this.listener = listener;
        this.tempRoot = tempRoot;
        this.commands = commands;
    }

    /** The CLI on the agent of the step's {@code node} block, with the build environment of the step. */
    static AgentCli prepare(StepContext context) throws IOException, InterruptedException {
        Node node = context.get(Node.class);
        return prepare(context.get(FilePath.class), node == null ? null : node.getRootPath(), context.get(Launcher.class),
                context.get(TaskListener.class), context.get(EnvVars.class));
    }

    /**
     * Puts the agent runner jar in the first place of {@link AgentJarCache#directories} that the launcher can start it
     * from (the agent's cache, copied once per agent; else the workspace's temporary directory) with the first Java
     * of {@link JavaSelector#candidates} that starts it.
     *
     * @param agentRoot the agent's root directory, or null when unknown
     */
    static AgentCli prepare(FilePath workspace, FilePath agentRoot, Launcher launcher, TaskListener listener, EnvVars env)
            throws IOException, InterruptedException {
        FilePath temp = WorkspaceList.tempDir(workspace);
        if (temp == null) {
            throw new AbortException("Stress Gate: the workspace " + workspace.getRemote() + " has no temporary directory");
        }
        FilePath root = temp.child(StepFiles.TEMP_ROOT);
        root.mkdirs();
        AgentJarCache rules = CliJar.cache();
        List<String> javas = JavaSelector.candidates(javaHome(workspace), launcher.isUnix());
        List<String> tried = new ArrayList<>();
        for (String dir : AgentJarCache.directories(agentRoot == null ? null : agentRoot.getRemote(), root.getRemote(),
                launcher.isUnix())) {
            FilePath jar;
            try {
                jar = CliJar.installIn(new FilePath(workspace.getChannel(), dir), rules);
            } catch (IOException e) {
                tried.add(dir + " (" + e.getMessage() + ")");
                continue;
            }
            for (String java : javas) {
                if (starts(CliCommands.jarProbe(java, jar.getRemote(), env), workspace, launcher)) {
                    return new AgentCli(launcher, listener, root, new CliCommands(java, jar.getRemote(), env));
                }
                tried.add(java + " -jar " + jar.getRemote());
            }
        }
        throw new AbortException("Stress Gate: the agent runner could not be started on the agent (tried "
                + String.join(", ", tried) + "); it needs Java 17 or newer");
    }

    CliCommands commands() {
        return commands;
    }

    /** The directory below the workspace's temporary sibling that holds chaos state and step files. */
    FilePath tempRoot() {
        return tempRoot;
    }

    /** A fresh directory for the files of one step call; closing it deletes it. */
    Call newCall() throws IOException, InterruptedException {
        String name = StepFiles.callDir(UUID.randomUUID().toString());
        FilePath dir = tempRoot.child(name);
        dir.mkdirs();
        return new Call(name, dir);
    }

    /** The files of one step call, below {@link #tempRoot()}. */
    final class Call implements AutoCloseable {
        private final String name;
        private final FilePath dir;

        private Call(String name, FilePath dir) {
            this.name = name;
            this.dir = dir;
        }

        /** Where the CLI is to write a file of this call, as an agent path. */
        String path(String file) {
            return dir.child(file).getRemote();
        }

        /** Reads back a file the CLI wrote for this call. */
        <T> Received<T> fetch(String file, long maxBytes, Function<byte[], Received<T>> parse) throws InterruptedException {
            return AgentCli.this.fetch(tempRoot, name + "/" + file, maxBytes, parse);
        }

        /** Deletes the call's files; an interrupt (an abort) during the deletion is passed on, not swallowed. */
        @Override
        public void close() throws IOException {
            try {
                dir.deleteRecursive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the command in {@code pwd}, streams its output to the build log (secrets masked) and waits for it. */
    Exit launch(LaunchCommand command, FilePath pwd, Duration timeout) throws IOException, InterruptedException {
        listener.getLogger().println("[stressgate] $ " + command.display());
        List<String> secrets = command.secretValues();
        SecretMasker masker = secrets.isEmpty() ? null : new SecretMasker(listener.getLogger(), secrets);
        Launcher.ProcStarter starter = launcher.launch().cmds(command.launcherArgs()).envs(command.launcherEnv())
                .pwd(pwd).quiet(true);
        if (masker == null) {
            starter.stdout(listener);
        } else {
            starter.stdout(masker);
        }
        long started = System.nanoTime();
        Proc proc = starter.start();
        try {
            int code = timeout == null ? proc.join()
                    : proc.joinWithTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS, listener);
            return new Exit(code, timeout != null && System.nanoTime() - started >= timeout.toNanos());
        } finally {
            stop(proc);
            if (masker != null) {
                masker.close();
            }
        }
    }

    /** Reads a file the CLI wrote below {@code base} and parses it on the controller; any failure reads as no document. */
    <T> Received<T> fetch(FilePath base, String relative, long maxBytes, Function<byte[], Received<T>> parse)
            throws InterruptedException {
        try {
            FetchedFile file = base.act(new FetchConfinedFile(relative, maxBytes));
            if (file.problem() != null) {
                return StepDocuments.notFetched(relative, file.problem());
            }
            byte[] bytes = file.bytes();
            if (bytes == null || bytes.length > maxBytes) {
                return StepDocuments.notFetched(relative, "the agent sent more than the limit of " + maxBytes + " bytes");
            }
            return parse.apply(bytes);
        } catch (IOException e) {
            return StepDocuments.notFetched(relative, e.toString());
        }
    }

    /**
     * Kills the process and its children if it still runs (an abort interrupts {@code join}). The interrupt flag is
     * cleared for the kill, which is a remote call on an agent, and restored afterwards.
     */
    private static void stop(Proc proc) {
        boolean interrupted = Thread.interrupted();
        try {
            if (proc.isAlive()) {
                proc.kill();
            }
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.WARNING, "could not stop the Stress Gate process", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String javaHome(FilePath workspace) throws InterruptedException {
        try {
            return workspace.act(new AgentJavaHome());
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean starts(LaunchCommand probe, FilePath workspace, Launcher launcher) throws InterruptedException {
        try {
            return launcher.launch().cmds(probe.launcherArgs()).envs(probe.launcherEnv()).pwd(workspace)
                    .stdout((OutputStream) null).quiet(true).join() == 0;
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot start " + probe.display(), e);
            return false;
        }
    }
}
