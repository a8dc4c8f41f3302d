package io.callcenter.kit.api;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;

import java.util.function.Consumer;

/**
 * REST bodies take each field only in the JSON type the API documents. Jackson would otherwise coerce silently:
 * {@code "fullName": 123} to the text "123", {@code "userId": "77"}, {@code 77.9} or {@code 1e2} to an integer,
 * {@code "exactMatch": 1} or {@code "false"} to a boolean, so a client's type error would be stored or acted on as
 * something it never sent. With this, each is a 400 naming the field ({@link ApiExceptionHandler}).
 * <p>
 * It customises Spring's {@code JsonMapper} (the one HTTP bodies are read with); the contract's own Kafka mapper is
 * not affected.
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public class StrictJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJsonScalars() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Textual, refusing(CoercionInputShape.Integer,
                        CoercionInputShape.Float, CoercionInputShape.Boolean))
                // Float covers DeserializationFeature.ACCEPT_FLOAT_AS_INT too: the per-type setting is asked first
                .withCoercionConfig(LogicalType.Integer, refusing(CoercionInputShape.String,
                        CoercionInputShape.EmptyString, CoercionInputShape.Float, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Boolean, refusing(CoercionInputShape.String,
                        CoercionInputShape.EmptyString, CoercionInputShape.Integer, CoercionInputShape.Float));
    }

    private static Consumer<MutableCoercionConfig> refusing(
            CoercionInputShape... refused) {
        return config -> {
            for (CoercionInputShape shape : refused) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }
}
