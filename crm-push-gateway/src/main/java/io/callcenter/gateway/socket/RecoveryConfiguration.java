package io.callcenter.gateway.socket;

import io.callcenter.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The connection-state-recovery log and sessions, sized by {@code callcenter.gateway.state-recovery.*}. */
@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

    @Bean
    RecoveryLog recoveryLog(GatewayProperties properties) {
        GatewayProperties.StateRecovery settings = properties.stateRecovery();
        return new RecoveryLog(settings.enabled(), settings.maxEvents(), settings.maxDisconnection(),
                Clock.systemUTC());
    }

    @Bean
    RecoverySessions recoverySessions(GatewayProperties properties) {
        return new RecoverySessions(properties.stateRecovery().maxDisconnection(), Clock.systemUTC());
    }
}
