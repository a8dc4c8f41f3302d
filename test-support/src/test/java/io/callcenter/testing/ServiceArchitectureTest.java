package io.callcenter.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared package rules fail on made-up services that break them and pass on one that keeps them. */
class ServiceArchitectureTest {
    private static final String CYCLIC = "io.callcenter.testing.archfixture.cyclic";
    private static final String LAYERED = "io.callcenter.testing.archfixture.layered";
    private static final String LEAKY = "io.callcenter.testing.archfixture.leaky";

    @Test
    void aCycleBetweenFeaturePackagesIsAViolation() {
        EvaluationResult result = ServiceArchitecture.featurePackagesAreFreeOfCycles(CYCLIC).evaluate(classes(CYCLIC));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected");
    }

    @Test
    void featurePackagesUsedInOneDirectionAreNot() {
        EvaluationResult result = ServiceArchitecture.featurePackagesAreFreeOfCycles(LAYERED)
                .evaluate(classes(LAYERED));

        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    @Test
    void usingAnotherModulesCodeIsAViolation() {
        EvaluationResult result = ServiceArchitecture.noOtherServicesCodeIsUsed(LEAKY).evaluate(classes(LEAKY));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(RealInfrastructure.class.getName());
    }

    @Test
    void usingItsOwnCodeAndTheContractIsNot() {
        EvaluationResult result = ServiceArchitecture.noOtherServicesCodeIsUsed(LAYERED).evaluate(classes(LAYERED));

        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    private static JavaClasses classes(String rootPackage) {
        return new ClassFileImporter().importPackages(rootPackage);
    }
}
