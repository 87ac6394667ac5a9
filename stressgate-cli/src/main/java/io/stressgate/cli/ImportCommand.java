package io.stressgate.cli;

import io.stressgate.engine.imports.FileDigest;
import io.stressgate.engine.imports.ImportAssembler;
import io.stressgate.engine.imports.ImportException;
import io.stressgate.engine.imports.ImportFormat;
import io.stressgate.engine.imports.ImportedResults;
import io.stressgate.engine.imports.LocustExitSummary;
import io.stressgate.engine.imports.ResultImporter;
import io.stressgate.engine.imports.ToolVersionFinder;
import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.ImportedRun;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.GatesFile;
import io.stressgate.engine.scenario.GatesFileLoader;
import io.stressgate.engine.scenario.ScenarioException;
import io.stressgate.engine.scenario.ScenarioLimits;
import io.stressgate.engine.scenario.Variables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stressgate import FORMAT FILE --out DIR}: gates another load tool's result file without running anything. */
@Command(name = "import", description = "Reads the result file of another load tool (locust, jmeter, gatling, k6), "
        + "writes results.json (with the file recorded under \"imported\"), junit.xml, summary.md and report.html, "
        + "evaluates the gates of --gates, and exits like run: 0 PASSED, 3 UNSTABLE, 1 FAILED or incomplete (a file cut "
        + "short, still growing, or Locust's CSV not checked against its --log), 2 invalid input (naming file and line).")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FORMAT", description = "locust, jmeter, gatling or k6.")
    private String format;

    @Parameters(index = "1", paramLabel = "FILE", description = "The result file: Locust's --csv prefix or _stats.csv, a "
            + "JMeter JTL (CSV or XML), Gatling's simulation.log or its run folder, k6's --out json file or --summary-export.")
    private Path file;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the reports go.")
    private Path out;

    @Option(names = "--gates", paramLabel = "FILE", description = "A YAML file with \"gates:\" as in a scenario (http.* "
            + "and iterations.* metrics), and optionally \"name:\" and \"description:\".")
    private Path gates;

    @Option(names = "--scenario", paramLabel = "NAME", description = "The run's name, which trends and comparisons group "
            + "runs by (default: the gates file's name, else FORMAT and the file's name).")
    private String scenario;

    @Option(names = "--log", paramLabel = "FILE", description = "Locust only: its console output, whose summary printed "
            + "at exit tells whether the CSV holds every request (without it a Locust import is incomplete).")
    private Path log;

    @Option(names = "--tool-version", paramLabel = "VERSION", description = "The tool's version when the file does not "
            + "record it; a version the file records wins (default: asked of the installed Locust for Locust, else unknown).")
    private String toolVersion;

    @Option(names = "--var", paramLabel = "NAME=value", description = "Sets $${NAME} in the gates file. Repeatable.")
    private Map<String, String> vars = new LinkedHashMap<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ImportFormat f = format();
        GatesFile gateFile = gates == null ? null : new GatesFileLoader(new Variables(vars, System.getenv()), ScenarioLimits.DEFAULTS).load(gates);
        requireReadable(file, "FILE");
        if (log != null) {
            requireReadable(log, "--log");
        }
        Path dir = OutputDirectory.prepare(out);
        ImportAssembler assembler = new ImportAssembler(Clock.systemUTC());
        OutputDirectory.claim(dir, assembler.inProgress(f, file.toString(), scenario));
        RunResults results = assembler.assemble(read(f), gateFile, scenario);
        Reports.write(results, dir);
        PrintWriter o = spec.commandLine().getOut();
        RunCommand.print(o, results, dir);
        ImportedRun i = results.imported();
        o.printf("  imported %s %s (%s) from %s, sha256 %s, %,d lines%s%n", i.tool(), i.version(), i.format(), i.file(),
                i.sha256(), i.lines(), i.complete() ? "" : "; INCOMPLETE: " + i.reason());
        o.flush();
        return ExitCodes.of(results);
    }

    private ImportFormat format() {
        try {
            return ImportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("stressgate import: " + e.getMessage());
        }
    }

    private static void requireReadable(Path path, String what) {
        if (path.getFileName() == null) {
            throw new UsageException(what + " " + path + ": not a file");
        }
        // Locust's FILE may be the --csv prefix, which is no file itself: its _stats.csv is checked by the reader
        if (!Files.exists(path) && !Files.exists(path.resolveSibling(path.getFileName() + "_stats.csv"))) {
            throw new UsageException(what + " " + path + ": no such file");
        }
    }

    /** Reads the file; what it holds that its format does not allow is invalid input naming the file and the line. */
    private ImportAssembler.Source read(ImportFormat f) {
        try {
            ImportedResults r = new ResultImporter().read(f, file);
            boolean unrecorded = "unknown".equals(r.version());
            r = toolVersion != null && unrecorded ? r.withVersion(toolVersion) : ToolVersionFinder.system().complete(f, r);
            LocustExitSummary.Account account = new LocustExitSummary().account(f, r, log);
            return new ImportAssembler.Source(f, r, account, FileDigest.of(r.file()));
        } catch (ImportException e) {
            throw new UsageException("stressgate import: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("stressgate import: " + file + " cannot be read: " + e.getMessage());
        }
    }
}
