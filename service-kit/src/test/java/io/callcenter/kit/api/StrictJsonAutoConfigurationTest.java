package io.callcenter.kit.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Spring's JsonMapper with service-kit's auto-configuration reads each field only from its own JSON type, and the
 * refusal reaches the client as a message naming the field and the type it must be.
 */
class StrictJsonAutoConfigurationTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(JacksonAutoConfiguration.class, StrictJsonAutoConfiguration.class));

    record Body(String name, Long id, Integer count, Boolean flag) {
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\": 123}        | field 'name' must be a string",
            "{\"name\": 1.5}        | field 'name' must be a string",
            "{\"name\": false}      | field 'name' must be a string",
            "{\"id\": \"77\"}       | field 'id' must be an integer",
            "{\"id\": \"\"}         | field 'id' must be an integer",
            "{\"id\": 77.9}         | field 'id' must be an integer",
            "{\"id\": 77.0}         | field 'id' must be an integer",
            "{\"count\": 1e2}       | field 'count' must be an integer",
            "{\"count\": true}      | field 'count' must be an integer",
            "{\"flag\": 1}          | field 'flag' must be true or false",
            "{\"flag\": \"true\"}   | field 'flag' must be true or false",
            "{\"flag\": 0.0}        | field 'flag' must be true or false"})
    void aScalarOfTheWrongJsonTypeIsRefusedNamingTheFieldAndItsType(String json, String message) {
        context.run(app -> {
            JsonMapper mapper = app.getBean(JsonMapper.class);

            JacksonException refused = catchThrowableOfType(JacksonException.class,
                    () -> mapper.readValue(json, Body.class));

            assertThat(refused).as("%s must be refused", json).isNotNull();
            assertThat(messageFor(refused)).startsWith(message);
        });
    }

    @Test
    void eachFieldInItsOwnJsonTypeIsStillRead() {
        context.run(app -> assertThat(app.getBean(JsonMapper.class).readValue(
                "{\"name\": \"n\", \"id\": 77, \"count\": 3, \"flag\": false}", Body.class))
                .isEqualTo(new Body("n", 77L, 3, false)));
    }

    private static String messageFor(JacksonException e) {
        return new ApiExceptionHandler().unreadable(new HttpMessageNotReadableException("unreadable", e,
                new EmptyInput())).getBody().error().message();
    }

    private static final class EmptyInput implements HttpInputMessage {
        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders();
        }
    }
}
