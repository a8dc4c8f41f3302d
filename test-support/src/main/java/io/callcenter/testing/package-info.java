/**
 * test-support: the JUnit 5 fixture ({@code @RealInfrastructure}) that starts the real broker and database once per
 * test JVM (Testcontainers when a Docker engine is present, local-infra otherwise), and the package rules of every
 * service's {@code ArchitectureTest} ({@link io.callcenter.testing.ServiceArchitecture}).
 */
package io.callcenter.testing;
