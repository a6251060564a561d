package dev.boxoffice.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server uses the engine through its public API only: never its {@code internal} packages, which promise
 * nothing (its own tables go through {@code dev.boxoffice.engine.store}), and never its testing aids.
 */
@AnalyzeClasses(packages = "dev.boxoffice.server", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineBoundaryTest {

    @ArchTest
    static final ArchRule USES_ONLY_THE_ENGINES_PUBLIC_API = noClasses()
            .that().resideInAPackage("dev.boxoffice.server..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.boxoffice.engine.internal..",
                    "dev.boxoffice.engine.testing..");
}
