package io.callcenter.gateway.auth;

import io.callcenter.gateway.GatewayProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link TokenVerifier} for sockets and REST, present only while {@code callcenter.gateway.auth.enabled}. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    @ConditionalOnProperty(name = "callcenter.gateway.auth.enabled", havingValue = "true")
    TokenVerifier tokenVerifier(GatewayProperties properties) {
        return new TokenVerifier(properties.auth());
    }
}
