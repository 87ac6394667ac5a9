package io.stressgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.stressgate.engine.process.LeakDetector;
import io.stressgate.engine.process.OrphanDetector;
import io.stressgate.engine.process.OrphanReaper;
import io.stressgate.engine.process.ProcessTreeRecorder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine is host-neutral (no CLI, server, servlet or Jenkins classes, no System.exit, no System.out) and layered,
 * top to bottom: run, step -> shard -> load -> tasks, chaos, metrics, imports -> process, gate, report, regression ->
 * result -> scenario. A package may use the layers below its own, never one above nor another package of its own
 * layer, and no two packages use each other. Only what decides a verdict evaluates gates, and chaos only hurts and
 * restores: watching the system under test and looking for what it left behind is the run's.
 */
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stressgate.engine");

    private static final List<List<String>> LAYERS = List.of(
            List.of("run", "step"),
            List.of("shard"),
            List.of("load"),
            List.of("tasks", "chaos", "metrics", "imports"),
            List.of("process", "gate", "report", "regression"),
            List.of("result"),
            List.of("scenario"));

    @Test
    void shouldUseNoLayerAboveItsOwn() {
        for (int i = 1; i < LAYERS.size(); i++) {
            List<String> above = new ArrayList<>();
            LAYERS.subList(0, i).forEach(layer -> layer.forEach(p -> above.add("io.stressgate.engine." + p + "..")));
            String[] own = LAYERS.get(i).stream().map(p -> "io.stressgate.engine." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAnyPackage(own)
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .as(Arrays.toString(own) + " use nothing above them")
                    .check(ENGINE);
        }
    }

    @Test
    void shouldUseNoOtherPackageOfItsOwnLayer() {
        for (List<String> layer : LAYERS) {
            for (String own : layer) {
                String[] peers = layer.stream().filter(p -> !p.equals(own)).map(p -> "io.stressgate.engine." + p + "..")
                        .toArray(String[]::new);
                if (peers.length > 0) {
                    noClasses().that().resideInAPackage("io.stressgate.engine." + own + "..")
                            .should().dependOnClassesThat().resideInAnyPackage(peers)
                            .as(own + " uses no other package of its layer " + layer)
                            .check(ENGINE);
                }
            }
        }
    }

    @Test
    void shouldLeaveGateEvaluationToWhatDecidesAVerdict() {
        classes().that().resideInAPackage("io.stressgate.engine.gate..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage("io.stressgate.engine.gate..",
                        "io.stressgate.engine.run..", "io.stressgate.engine.shard..", "io.stressgate.engine.load..",
                        "io.stressgate.engine.imports..")
                .because("what measures a run hands its figures over as a result.MetricSource; the run, a merge,"
                        + " a stepping phase's judge and an import decide")
                .check(ENGINE);
    }

    @Test
    void shouldKeepChaosToHurtingAndRestoring() {
        noClasses().that().resideInAPackage("io.stressgate.engine.chaos..")
                .should().dependOnClassesThat().belongToAnyOf(OrphanDetector.class, OrphanReaper.class,
                        LeakDetector.class, ProcessTreeRecorder.class)
                .because("the run (run.SystemHarness) watches the system under test and looks for what it left behind")
                .check(ENGINE);
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        slices().matching("io.stressgate.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void shouldPlaceEveryPackageInALayer() {
        List<String> placed = LAYERS.stream().flatMap(List::stream).toList();
        assertThat(ENGINE.stream().map(c -> c.getPackageName()).filter(p -> !p.equals("io.stressgate.engine"))
                .map(p -> p.substring("io.stressgate.engine.".length()).split("\\.")[0]).distinct())
                .as("a new package needs its place in the layers").allMatch(placed::contains);
    }

    @Test
    void shouldImportNoCliServerOrJenkinsClasses() {
        noClasses().that().resideInAPackage("io.stressgate.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.stressgate.cli..", "io.stressgate.server..", "io.jenkins..", "hudson..", "jenkins..",
                        "org.jenkinsci..", "org.kohsuke.stapler..", "javax.servlet..", "jakarta.servlet..",
                        "io.javalin..", "org.eclipse.jetty..", "picocli..", "com.sun.net.httpserver..")
                .check(ENGINE);
    }

    @Test
    void shouldNeverExitTheJvm() {
        noClasses().that().resideInAPackage("io.stressgate.engine..")
                .should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .check(ENGINE);
    }

    @Test
    void shouldNeverWriteToStandardOutOrErr() {
        noClasses().that().resideInAPackage("io.stressgate.engine..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(ENGINE);
    }

    @Test
    void shouldNotReadTheWallClockDirectly() {
        noClasses().that().resideInAPackage("io.stressgate.engine..")
                .should().callMethod(System.class, "currentTimeMillis")
                .because("time comes from an injected Clock, or System.nanoTime() on the hot path")
                .check(ENGINE);
    }
}
