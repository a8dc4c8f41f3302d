package io.callcenter.kit.observability;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link KafkaTracing} on the service's tracer and propagator (Spring Boot's OpenTelemetry bridge), or on no-op ones
 * when tracing is off ({@code management.tracing.enabled=false}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass({Tracer.class, org.apache.kafka.clients.consumer.ConsumerRecord.class})
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaTracing kafkaTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new KafkaTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
