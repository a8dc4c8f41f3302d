package io.callcenter.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.callcenter.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * call-ingest's package rules, checked on its compiled main classes ({@link ServiceArchitecture}): no cycles between
 * its feature packages, no other service's code.
 */
class ArchitectureTest {
    private static final String ROOT = "io.callcenter.ingest";
    private static final JavaClasses MAIN_CLASSES = ServiceArchitecture.mainClasses(ROOT);

    @Test
    void featurePackagesAreFreeOfCycles() {
        ServiceArchitecture.featurePackagesAreFreeOfCycles(ROOT)
                .check(MAIN_CLASSES);
    }

    @Test
    void noOtherServicesCodeIsUsed() {
        ServiceArchitecture.noOtherServicesCodeIsUsed(ROOT).check(MAIN_CLASSES);
    }
}
