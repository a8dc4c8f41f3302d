package io.callcenter.ingest.calls;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * REST bodies take strings only where the API says string: Jackson would otherwise turn {@code "callerNumber": 912}
 * or {@code true} into text silently, and a VoiceBot bug would go unnoticed. Now it is a 400 naming the field.
 */
@Configuration(proxyBeanMethods = false)
class StrictStringsConfiguration {

    @Bean
    JsonMapperBuilderCustomizer stringsOnlyFromJsonStrings() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
