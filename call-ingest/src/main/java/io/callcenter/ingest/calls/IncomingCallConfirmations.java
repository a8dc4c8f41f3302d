package io.callcenter.ingest.calls;

import io.callcenter.model.events.IncomingCall;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-JVM registry of VoiceBot requests waiting for their call's {@link IncomingCall} to be committed, keyed by
 * callId. {@link CommittedIncomingCallWatcher} completes the waiters when it reads the event from the committed
 * output; the request then tells from the event's id whether its own {@code StartCall} created the call
 * ({@link CallLifecycleProcessor#incomingCallEventId}) or a concurrent duplicate did.
 */
@Component
public class IncomingCallConfirmations {
    private final ConcurrentHashMap<String, Set<CompletableFuture<IncomingCall>>> waiting = new ConcurrentHashMap<>();

    /** Registers a waiter; call before the store check and the send, so an event committed meanwhile is not missed. */
    CompletableFuture<IncomingCall> expect(String callId) {
        CompletableFuture<IncomingCall> confirmation = new CompletableFuture<>();
        waiting.compute(callId, (id, waiters) -> {
            Set<CompletableFuture<IncomingCall>> set = waiters != null ? waiters : ConcurrentHashMap.newKeySet();
            set.add(confirmation);
            return set;
        });
        return confirmation;
    }

    void forget(String callId, CompletableFuture<IncomingCall> confirmation) {
        waiting.computeIfPresent(callId, (id, waiters) -> {
            waiters.remove(confirmation);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    void committed(IncomingCall event) {
        Set<CompletableFuture<IncomingCall>> waiters = waiting.remove(event.callId());
        if (waiters != null) {
            waiters.forEach(w -> w.complete(event));
        }
    }
}
