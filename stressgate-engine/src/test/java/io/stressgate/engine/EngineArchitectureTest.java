package io.stressgate.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is host-neutral: no CLI, server, servlet or Jenkins classes, no System.exit, no System.out. */
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stressgate.engine");

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
