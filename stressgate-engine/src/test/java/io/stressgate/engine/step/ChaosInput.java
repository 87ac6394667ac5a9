package io.stressgate.engine.step;

import java.util.List;

/** Builds {@link ChaosKillArgs.Input} by parameter name, as a Pipeline script names them. */
final class ChaosInput {
    Long pid;
    String pidFile;
    String name;
    String cmdline;
    Integer port;
    String signal;
    Integer count;
    Integer max;
    String scope;
    String among;
    String pick;
    String pauseFor;
    List<?> command;
    List<?> restore;
    String recoverHttp;
    String recoverTcp;
    List<?> recoverCommand;
    String recoverTimeout;
    Boolean dryRun;

    static ChaosInput name(String name) {
        ChaosInput in = new ChaosInput();
        in.name = name;
        return in;
    }

    static ChaosInput pid(long pid) {
        ChaosInput in = new ChaosInput();
        in.pid = pid;
        return in;
    }

    ChaosKillArgs.Input input() {
        return new ChaosKillArgs.Input(pid, pidFile, name, cmdline, port, signal, count, max, scope, among, pick, pauseFor,
                command, restore, recoverHttp, recoverTcp, recoverCommand, recoverTimeout, dryRun);
    }

    ChaosKillArgs args() throws StepArgumentException {
        return ChaosKillArgs.of(input());
    }
}
