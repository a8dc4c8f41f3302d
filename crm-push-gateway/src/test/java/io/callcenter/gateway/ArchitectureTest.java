package io.callcenter.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * crm-push-gateway's package rules, checked on its compiled main classes: its feature packages
 * ({@code io.callcenter.gateway.<feature>..}) import each other in one direction only, and it uses no other service's
 * code (only the contract, {@code io.callcenter.model}, and {@code io.callcenter.kit}; other services are reached
 * through Kafka or HTTP). Classes of the root package are not in a slice: they are the application and its
 * properties, which every feature may use.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.callcenter.gateway");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.callcenter.gateway.(*)..").should().beFreeOfCycles()
                .check(MAIN_CLASSES);
    }

    /** The netty-socketio patches depend on the library alone, and only the socket package uses them. */
    @Test
    void theNettySocketIoPatchesStandAloneAndOnlyTheSocketPackageUsesThem() {
        classes().that().resideInAPackage("io.callcenter.gateway.nettysocketio..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.callcenter.gateway.nettysocketio..",
                        "java..", "io.netty..", "com.corundumstudio.socketio..", "org.slf4j..")
                .check(MAIN_CLASSES);
        classes().that().resideInAPackage("io.callcenter.gateway.nettysocketio..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage("io.callcenter.gateway.nettysocketio..",
                        "io.callcenter.gateway.socket..")
                .check(MAIN_CLASSES);
    }

    @Test
    void noOtherServicesCodeIsUsed() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.callcenter.ingest..",
                        "io.callcenter.agents..",
                        "io.callcenter.customers..",
                        "io.callcenter.simulator..",
                        "io.callcenter.infra..",
                        "io.callcenter.testing..")
                .check(MAIN_CLASSES);
    }
}
