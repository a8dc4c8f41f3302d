package io.callcenter.customers;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * customer-service's package rules, checked on its compiled main classes: its feature packages
 * ({@code io.callcenter.customers.<feature>..}) import each other in one direction only, and it uses no other service's
 * code (only the contract, {@code io.callcenter.model}, and {@code io.callcenter.kit}; other services are reached
 * through Kafka or HTTP). Classes of the root package are not in a slice: they are the application and its
 * properties, which every feature may use.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.callcenter.customers");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.callcenter.customers.(*)..").should().beFreeOfCycles()
                .check(MAIN_CLASSES);
    }

    @Test
    void noOtherServicesCodeIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.callcenter.gateway..",
                        "io.callcenter.ingest..",
                        "io.callcenter.agents..",
                        "io.callcenter.simulator..",
                        "io.callcenter.infra..",
                        "io.callcenter.testing..")
                .check(MAIN_CLASSES);
    }
}
