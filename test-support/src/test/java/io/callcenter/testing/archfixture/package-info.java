/** Classes for {@code ServiceArchitectureTest} only: each sub-package is one made-up service's root package. */
package io.callcenter.testing.archfixture;
