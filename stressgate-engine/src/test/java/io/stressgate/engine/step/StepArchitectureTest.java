package io.stressgate.engine.step;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins plugin bundles the engine without OSHI and Jedis (they are large and clash with what
 * Jenkins core ships), which is safe only while nothing the plugin calls reaches them, directly or through other
 * engine classes.
 */
class StepArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stressgate.engine");

    @Test
    void shouldNotReachTheLibrariesThePluginLeavesOut() {
        noClasses().that().resideInAPackage("io.stressgate.engine.step..")
                .should().transitivelyDependOnClassesThat().resideInAnyPackage("oshi..", "com.sun.jna..",
                        "redis.clients..", "org.apache.hc..")
                .check(ENGINE);
    }
}
