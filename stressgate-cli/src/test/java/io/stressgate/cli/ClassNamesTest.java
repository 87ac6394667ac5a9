package io.stressgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** No two top-level classes of the engine, the service and the CLI share a name: a reader never has to ask which one. */
class ClassNamesTest {
    @Test
    void shouldGiveEveryTopLevelClassItsOwnName() {
        Map<String, List<String>> byName = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stressgate").stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(JavaClass::getSimpleName, Collectors.mapping(JavaClass::getName, Collectors.toList())));

        assertThat(byName).as("classes of the engine, the service and the CLI").hasSizeGreaterThan(300);
        assertThat(byName.values().stream().filter(names -> names.size() > 1)).isEmpty();
    }
}
