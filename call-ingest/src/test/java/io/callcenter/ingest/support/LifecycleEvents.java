package io.callcenter.ingest.support;

import io.callcenter.model.events.CallEvent;
import io.callcenter.testing.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;

/** Reads one call's events out of a {@link TopicRecorder} of the call-events topic. */
public final class LifecycleEvents {
    // generous: on a shared, overloaded machine the single test broker can stall for tens of seconds
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final TopicRecorder<CallEvent> recorder;

    public LifecycleEvents(TopicRecorder<CallEvent> recorder) {
        this.recorder = recorder;
    }

    public <T extends CallEvent> T await(Class<T> type, String callId) {
        return type.cast(recorder.awaitValues(e -> type.isInstance(e) && callId.equals(e.callId()), 1, WAIT).get(0));
    }

    public List<CallEvent> awaitCount(String callId, int count, Class<?>... types) {
        return recorder.awaitValues(e -> callId.equals(e.callId()) && isOneOf(e, types), count, WAIT);
    }

    public List<CallEvent> of(String callId) {
        return recorder.values().stream().filter(e -> e != null && callId.equals(e.callId())).toList();
    }

    public List<ConsumerRecord<String, CallEvent>> recordsOf(String callId) {
        return recorder.records().stream().filter(r -> callId.equals(r.key())).toList();
    }

    public List<String> typesOf(String callId) {
        return of(callId).stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private static boolean isOneOf(CallEvent event, Class<?>... types) {
        if (event == null) {
            return false;
        }
        for (Class<?> type : types) {
            if (type.isInstance(event)) {
                return true;
            }
        }
        return types.length == 0;
    }
}
