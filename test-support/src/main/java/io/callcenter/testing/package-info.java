/**
 * test-support: the JUnit 5 fixture ({@code @RealInfrastructure}) that starts the real broker and database once per
 * test JVM (Testcontainers when a Docker engine is present, local-infra otherwise).
 */
package io.callcenter.testing;
