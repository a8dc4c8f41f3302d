/**
 * What every service does so a call can be followed: {@link io.callcenter.kit.observability.CallMdc} (callId,
 * agentId, traceId in the MDC of every log line about a call), {@link io.callcenter.kit.observability.TraceHeaders}
 * (W3C {@code traceparent} in Kafka headers) and {@link io.callcenter.kit.observability.KafkaTracing} (a span per
 * record for hand-written consumers).
 */
package io.callcenter.kit.observability;
