package io.stressgate.engine.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Learns the version of an installed load tool when its result file does not record it. Locust's CSV never does, and
 * Debian's python3-locust reports an empty {@code locust.__version__} (and 0.0.0 as its package metadata), so after
 * asking Python the finder asks dpkg which package owns the module and that package's upstream version.
 */
public final class ToolVersionFinder {
    static final String UNKNOWN = "unknown";
    private static final String PROBE = "import importlib.metadata as m, locust\n"
            + "try:\n    meta = m.version('locust')\nexcept Exception:\n    meta = ''\n"
            + "print(getattr(locust, '__version__', '') or '')\nprint(meta)\nprint(locust.__file__)\n";
    private static final int MAX_OUTPUT = 4096;

    private final List<String> python;
    private final Duration timeout;

    /** A finder that runs {@code python} (an argument array, e.g. {@code [python3]}) and gives each probe {@code timeout}. */
    public ToolVersionFinder(List<String> python, Duration timeout) {
        this.python = List.copyOf(python);
        this.timeout = timeout;
    }

    /**
     * The finder for this machine, 10 s a probe: it asks the Python that the {@code locust} launcher on the PATH names
     * in its first line (a pyenv or venv {@code python3} first on the PATH may not be the one Locust is installed in),
     * else {@code /usr/bin/python3}, else {@code python3}.
     */
    public static ToolVersionFinder system() {
        return new ToolVersionFinder(launcherPython(System.getenv("PATH")), Duration.ofSeconds(10));
    }

    /** The interpreter of the {@code locust} script on {@code path}, from its {@code #!} line. */
    static List<String> launcherPython(String path) {
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path launcher = dir.isEmpty() ? null : Path.of(dir, "locust");
            if (launcher == null || !Files.isRegularFile(launcher)) {
                continue;
            }
            try (java.io.BufferedReader in = Files.newBufferedReader(launcher, StandardCharsets.ISO_8859_1)) {
                String first = in.readLine();
                if (first != null && first.startsWith("#!") && first.length() < 256) {
                    List<String> argv = List.of(first.substring(2).strip().split("\\s+"));
                    return argv.get(0).isEmpty() ? fallbackPython() : argv;
                }
            } catch (IOException e) {
                return fallbackPython(); // an unreadable launcher: the system's Python is the best guess left
            }
        }
        return fallbackPython();
    }

    private static List<String> fallbackPython() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? List.of("/usr/bin/python3") : List.of("python3");
    }

    /** The results with the installed tool's version when the file gave none; unchanged when it did or none is found. */
    public ImportedResults complete(ImportFormat format, ImportedResults r) {
        if (format != ImportFormat.LOCUST || !UNKNOWN.equals(r.version())) {
            return r;
        }
        return locust().map(r::withVersion).orElse(r);
    }

    /** The installed Locust's version: its own, its package metadata's, or its Debian package's; empty when none says. */
    public Optional<String> locust() {
        List<String> argv = new ArrayList<>(python);
        argv.addAll(List.of("-I", "-c", PROBE)); // -I: no folder of the working directory shadows the installed module
        List<String> lines = run(argv);
        if (lines.size() < 3) {
            return Optional.empty();
        }
        for (String v : lines.subList(0, 2)) {
            if (!v.isBlank() && !v.strip().equals("0.0.0")) {
                return Optional.of(v.strip());
            }
        }
        return debianVersion(lines.get(2).strip());
    }

    /** The upstream version of the Debian package that owns {@code file} ("2.12.1" of "2.12.1-1"). */
    private Optional<String> debianVersion(String file) {
        List<String> owner = run(List.of("dpkg-query", "-S", file));
        if (owner.isEmpty() || !owner.get(0).contains(":")) {
            return Optional.empty();
        }
        String pkg = owner.get(0).substring(0, owner.get(0).indexOf(':')).strip();
        List<String> version = run(List.of("dpkg-query", "-W", "-f=${Version}\n", pkg));
        if (version.isEmpty() || version.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(upstream(version.get(0).strip()));
    }

    /** A Debian version without its epoch and Debian revision: "1:2.12.1-1" is "2.12.1". */
    static String upstream(String debian) {
        String v = debian.contains(":") ? debian.substring(debian.indexOf(':') + 1) : debian;
        int dash = v.lastIndexOf('-');
        return dash > 0 ? v.substring(0, dash) : v;
    }

    /** The lines a command prints, empty when it cannot run, fails or outlives the timeout (then it is killed). */
    private List<String> run(List<String> argv) {
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile("stressgate-version", ".txt");
            p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(out);
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_OUTPUT), StandardCharsets.UTF_8);
            return text.lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            deleteQuietly(out);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit(); // a temp file left behind is harmless; the version is what matters
        }
    }
}
