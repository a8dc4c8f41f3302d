package io.callcenter.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.callcenter.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * crm-push-gateway's package rules, checked on its compiled main classes: the ones every service has
 * ({@link ServiceArchitecture}: no cycles between its feature packages, no other service's code), and its own about
 * the netty-socketio patches.
 */
class ArchitectureTest {
    private static final String ROOT = "io.callcenter.gateway";
    private static final JavaClasses MAIN_CLASSES = ServiceArchitecture.mainClasses(ROOT);

    @Test
    void featurePackagesAreFreeOfCycles() {
        ServiceArchitecture.featurePackagesAreFreeOfCycles(ROOT).check(MAIN_CLASSES);
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
        ServiceArchitecture.noOtherServicesCodeIsUsed(ROOT).check(MAIN_CLASSES);
    }
}
