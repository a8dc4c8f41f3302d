package io.callcenter.model.serde;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.DateTimeFeature;

/**
 * The one Jackson configuration every service uses for the contract: ISO-8601 dates, unknown properties ignored so
 * that older readers accept newer records, nulls written (the guide's {@code customerInfo: null}).
 */
public final class CallcenterJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private CallcenterJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Applies the contract's settings to a builder, e.g. Spring's, so that REST and Kafka agree. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
