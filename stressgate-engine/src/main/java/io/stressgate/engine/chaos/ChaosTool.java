package io.stressgate.engine.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stressgate.engine.process.ProcessFinder;
import io.stressgate.engine.process.ProcessQuery;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.ChaosRules;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One chaos action outside a run, as the {@code stressgate chaos} command and the pipeline steps ask for it: the
 * same guard, ledger and audit as a run. Without {@code execute} it is a dry run. A stop without {@code pauseFor}
 * leaves its restore in the ledger, for {@code start} without a command (or the next run) to perform.
 */
public final class ChaosTool {
    private static final JsonMapper JSON = new JsonMapper();

    private final Clock clock;

    public ChaosTool(Clock clock) {
        this.clock = clock;
    }

    /**
     * What to do, as {@code stressgate chaos} read it. The command checks its flags against {@link ChaosRules} first,
     * so every problem is reported at once in its own flags' words; a request made any other way is held to the same
     * rules here, with the rules' own key names.
     */
    public record Request(ChaosSpec.Action action, ProcessQuery query, Signal signal, ChaosSpec.Scope scope, int count, int max,
                          TargetChoice choice, Duration pauseFor, List<String> command, List<String> restore,
                          ChaosSpec.Recovery recovery, boolean execute, boolean allowOtherUsers, Path stateDir, Path workdir,
                          Map<String, String> environment) {
        public Request {
            java.util.Objects.requireNonNull(action, "action");
            java.util.Objects.requireNonNull(choice, "choice");
            command = List.copyOf(command);
            restore = List.copyOf(restore);
            environment = Map.copyOf(environment);
            List<ChaosRules.Problem> problems = ChaosRules.check(draft(action, query, signal, count, max, pauseFor, command,
                    restore, recovery, allowOtherUsers), ChaosRules.Origin.COMMAND_LINE, key -> key);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("chaos request: " + ChaosRules.join(problems));
            }
        }

        private static ChaosRules.Draft draft(ChaosSpec.Action action, ProcessQuery query, Signal signal, int count, int max,
                                              Duration pauseFor, List<String> command, List<String> restore,
                                              ChaosSpec.Recovery recovery, boolean allowOtherUsers) {
            boolean signals = action == ChaosSpec.Action.KILL || action == ChaosSpec.Action.PAUSE;
            ChaosRules.Target target = query == null ? ChaosRules.Target.NONE : new ChaosRules.Target(true, query.exe(),
                    query.cmdline() == null ? null : query.cmdline().pattern(), query.port() == null ? null : (long) query.port());
            boolean probe = recovery != null && recovery.kind() != ChaosSpec.Recovery.Kind.NONE;
            ChaosRules.Probe recover = new ChaosRules.Probe(probe, probe ? recovery.timeout() : null,
                    probe && recovery.kind() == ChaosSpec.Recovery.Kind.COMMAND ? recovery.command() : null);
            return new ChaosRules.Draft(action, target, signals && signal != null ? signal.name() : null,
                    signals ? (long) count : null, signals ? (long) max : null, false, false, false, pauseFor,
                    command.isEmpty() ? null : command, restore.isEmpty() ? null : restore, recover, false,
                    signals && allowOtherUsers);
        }
    }

    /** Reads a command given as a JSON array of strings, e.g. {@code ["redis-cli","shutdown"]}. */
    public static List<String> argv(String json, String option) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(option + " must be a JSON array of strings, e.g. [\"redis-cli\",\"shutdown\"]: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 256) {
            throw new IllegalArgumentException(option + " must be a JSON array of 1 to 256 strings, e.g. [\"redis-cli\",\"shutdown\"]");
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().indexOf('\0') >= 0) {
                throw new IllegalArgumentException(option + ": every argument must be a string without NUL, found " + item);
            }
            argv.add(item.asText());
        }
        if (argv.get(0).isBlank()) {
            throw new IllegalArgumentException(option + ": the program (the first argument) is empty");
        }
        return argv;
    }

    /** Performs the request and says what happened. */
    public ChaosEvent run(Request request) throws InterruptedException, IOException {
        ChaosContext context = ChaosContext.forThisProcess(request.stateDir(), request.stateDir().resolve("tmp"),
                request.environment(), request.workdir(), null, clock, Duration.ofSeconds(60), System.nanoTime());
        if (request.action() == ChaosSpec.Action.START && request.command().isEmpty()) {
            return restoreLeftovers(request, context);
        }
        ChaosOrder order = new ChaosOrder("cli-" + request.action().name().toLowerCase(java.util.Locale.ROOT), request.action(),
                request.signal(), request.scope(), request.count(), request.max(), request.choice(), request.pauseFor(), request.command(),
                request.restore(), request.recovery(), null, false, request.allowOtherUsers(), !request.execute());
        ProcessFinder finder = new ProcessFinder(context.proc(), ProcessHandle.current().pid());
        ChaosEvent event = new ChaosExecutor(context).execute(order, () -> select(request.query(), finder), "command line");
        if (event.outcome() == ChaosEvent.Outcome.DONE && request.action() == ChaosSpec.Action.STOP && request.pauseFor() == null) {
            return new ChaosEvent(event.name(), event.action(), event.atMs(), event.trigger(), event.signal(), event.targets(),
                    event.outcome(), "ran " + request.command() + "; the restore " + request.restore() + " waits in the ledger in "
                    + request.stateDir() + ": `stressgate chaos start` or the next run performs it", null, null, null, null,
                    event.probe());
        }
        return event;
    }

    private static Selection select(ProcessQuery query, ProcessFinder finder) {
        return new Selection(List.copyOf(query.pids()), finder.find(query), query.describe());
    }

    private ChaosEvent restoreLeftovers(Request request, ChaosContext context) throws IOException {
        long at = System.nanoTime();
        ChaosOrder order = new ChaosOrder("cli-start", ChaosSpec.Action.START, Signal.TERM, ChaosSpec.Scope.PROCESS, 1, 1, null,
                List.of(), List.of(), ChaosSpec.Recovery.NONE, null, false, false, !request.execute());
        try {
            context.guard().checkSwitch();
        } catch (ChaosRefusal refusal) {
            return context.event(order, "command line", at, List.of(), ChaosEvent.Outcome.REFUSED, refusal.getMessage(), null, null);
        }
        List<LedgerEntry> owed = context.ledger().leftovers();
        if (!request.execute() || owed.isEmpty()) {
            String list = owed.stream().map(LedgerEntry::describe).collect(Collectors.joining("; "));
            return context.event(order, "command line", at, List.of(), request.execute() ? ChaosEvent.Outcome.DONE
                    : ChaosEvent.Outcome.DRY_RUN, owed.isEmpty() ? "nothing is owed in " + request.stateDir()
                    : "dry run: would restore " + list, null, null);
        }
        List<Restorer.Restored> done = owed.stream().map(context.restorer()::restore).toList();
        boolean ok = done.stream().allMatch(Restorer.Restored::ok);
        return context.event(order, "command line", at, List.of(), ok ? ChaosEvent.Outcome.DONE : ChaosEvent.Outcome.FAILED,
                done.stream().map(Restorer.Restored::message).collect(Collectors.joining("; ")), null,
                (System.nanoTime() - at) / 1_000_000);
    }
}
