package io.stressgate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's rules from DESIGN.md: it uses the engine's model, regression and trends only (it never generates load
 * or runs chaos), the store knows nothing of HTTP, and its packages do not depend on each other in a circle.
 */
class ServerArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stressgate.server");

    @Test
    void shouldUseOnlyTheEnginesModelRegressionAndTrends() {
        noClasses().that().resideInAPackage("io.stressgate.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stressgate.engine.load..", "io.stressgate.engine.run..",
                        "io.stressgate.engine.chaos..", "io.stressgate.engine.process..", "io.stressgate.engine.metrics..",
                        "io.stressgate.engine.tasks..", "io.stressgate.engine.step..", "io.stressgate.cli..")
                .check(SERVER);
    }

    @Test
    void shouldKeepTheStoreFreeOfHttp() {
        noClasses().that().resideInAPackage("io.stressgate.server.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..",
                        "io.stressgate.server.web..", "io.stressgate.server.gate..")
                .check(SERVER);
    }

    @Test
    void shouldHaveNoCyclesBetweenItsPackages() {
        slices().matching("io.stressgate.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }
}
