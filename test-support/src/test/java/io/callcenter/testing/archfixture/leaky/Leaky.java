package io.callcenter.testing.archfixture.leaky;

import io.callcenter.testing.RealInfrastructure;

/** Uses code of another module (test-support's, outside this made-up service's root package). */
public class Leaky {
    public Class<?> fixture() {
        return RealInfrastructure.class;
    }
}
