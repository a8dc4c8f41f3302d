package io.callcenter.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every service's {@code ArchitectureTest} checks on its compiled main classes (ArchUnit, from
 * plain JUnit tests): its feature packages ({@code <root>.<feature>..}) import each other in one direction only, and
 * it uses no other module's code but the contract ({@code io.callcenter.model}) and service-kit
 * ({@code io.callcenter.kit}); other services are reached through Kafka or HTTP. Classes of the root package are not
 * in a slice: they are the application and its properties, which every feature may use. A rule of one service only
 * stays in its own test.
 */
public final class ServiceArchitecture {
    private static final String REPOSITORY = "io.callcenter..";
    private static final String CONTRACT = "io.callcenter.model..";
    private static final String SERVICE_KIT = "io.callcenter.kit..";

    private ServiceArchitecture() {
    }

    /** The main classes (no tests) of the service whose root package is {@code rootPackage}. */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** No cycle between the feature packages {@code <rootPackage>.<feature>..}. */
    public static ArchRule featurePackagesAreFreeOfCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles();
    }

    /** No class depends on code of this repository outside {@code rootPackage}, the contract and service-kit. */
    public static ArchRule noOtherServicesCodeIsUsed(String rootPackage) {
        return noClasses().should().dependOnClassesThat(resideInAPackage(REPOSITORY)
                .and(not(resideInAnyPackage(rootPackage + "..", CONTRACT, SERVICE_KIT))));
    }
}
