package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sources of every module, the Jenkins plugin's too (which the default build does not compile, so no class file
 * can be checked): each package says in a package-info what it is, and no two source files share a name.
 */
class SourceTreeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("stressgate-engine", "stressgate-server", "stressgate-cli",
            "stressgate-jenkins");
    private static final Pattern DESCRIBED = Pattern.compile(
            "\\A/\\*\\*\\s*\\n((?:\\s*\\*.*\\n)+?)\\s*\\*/\\s*\\npackage ([\\w.]+);\\s*\\z");

    @Test
    void shouldDescribeEveryPackageInAPackageInfoThatOpensWithASentence() {
        List<Path> packages = packagesWithSources();
        List<String> problems = new ArrayList<>();
        packages.forEach(dir -> problem(dir).ifPresent(problems::add));

        assertThat(packages).as("packages of the four modules").hasSizeGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldGiveEverySourceFileOfEveryModuleItsOwnName() {
        Map<String, List<String>> byName = sources().filter(f -> !f.getFileName().toString().equals("package-info.java"))
                .collect(Collectors.groupingBy(f -> f.getFileName().toString(),
                        Collectors.mapping(f -> ROOT.relativize(f).toString(), Collectors.toList())));

        assertThat(byName.keySet().stream().filter(n -> n.startsWith("StressTestStep"))).as("the plugin's sources").isNotEmpty();
        assertThat(byName.values().stream().filter(files -> files.size() > 1)).isEmpty();
    }

    private static Optional<String> problem(Path dir) {
        Path info = dir.resolve("package-info.java");
        String where = ROOT.relativize(dir).toString();
        if (!Files.isRegularFile(info)) {
            return Optional.of(where + ": no package-info.java");
        }
        Matcher m = DESCRIBED.matcher(read(info));
        if (!m.matches()) {
            return Optional.of(where + ": package-info.java is not one Javadoc comment before the package line");
        }
        String expected = where.substring(where.indexOf("src/main/java/") + "src/main/java/".length()).replace('/', '.');
        if (!m.group(2).equals(expected)) {
            return Optional.of(where + ": package-info.java declares " + m.group(2));
        }
        String text = m.group(1).replaceAll("(?m)^\\s*\\*\\s?", "").trim();
        if (!text.matches("(?s)[A-Z{].*?\\.(\\s.*)?")) {
            return Optional.of(where + ": the package-info does not open with a sentence: " + text);
        }
        return Optional.empty();
    }

    private static List<Path> packagesWithSources() {
        return sources().map(Path::getParent).distinct().sorted().toList();
    }

    private static Stream<Path> sources() {
        List<Path> all = new ArrayList<>();
        for (String module : MODULES) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            assertThat(main).as(module).isDirectory();
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.stream();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
