package io.callcenter.ingest.calls;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.ingest.lookup.CallEnricher;
import io.callcenter.ingest.streams.StreamsStores;
import io.callcenter.kit.api.ApiException;
import io.callcenter.kit.observability.CallMdc;
import io.callcenter.model.ContractRecord;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.commands.StartCall;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.TimingHeaders;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The VoiceBot's side of the lifecycle. A new call is enriched, sent as {@code StartCall} and confirmed only once
 * its {@code IncomingCall} is committed (so a 202 means CRMs will see it, whatever crashes next); an end is sent as
 * {@code EndCall} through the same path as a CRM's {@code end_call}. Reads come from the lifecycle store.
 */
@Service
public class CallService {
    static final String VOICEBOT = "voicebot";

    private final CallEnricher enricher;
    private final CallCommandPublisher publisher;
    private final IncomingCallConfirmations confirmations;
    private final StreamsStores stores;
    private final LiveCalls liveCalls;
    private final CallOwners owners;
    private final IngestProperties ingest;

    CallService(CallEnricher enricher, CallCommandPublisher publisher, IncomingCallConfirmations confirmations,
                StreamsStores stores, LiveCalls liveCalls, CallOwners owners, IngestProperties ingest) {
        this.owners = owners;
        this.enricher = enricher;
        this.publisher = publisher;
        this.confirmations = confirmations;
        this.stores = stores;
        this.liveCalls = liveCalls;
        this.ingest = ingest;
    }

    /** Outcome of a new-call request: {@code created} false when the callId already existed. */
    public record Started(boolean created, CallAccepted accepted, CallView existing) {
    }

    public Started start(NewCallRequest request) {
        long receivedMicros = TimingHeaders.nowMicros(); // carried in the records' headers: per-hop latency
        String callId = request.callId() != null ? request.callId() : CallIds.generate();
        CompletableFuture<IncomingCall> confirmation = confirmations.expect(callId);
        try (CallMdc.Scope ignored = CallMdc.call(callId)) {
            Optional<CallView> existing = locate(callId, false);
            if (existing.isPresent()) {
                return new Started(false, null, existing.get());
            }
            CallEnricher.Enrichment enrichment = enricher.enrich(callId, request.callerNumber());
            StartCall command = new StartCall(UUID.randomUUID(), Instant.now(), ContractRecord.SCHEMA_VERSION, callId,
                    request.callerNumber(), request.calledNumber(),
                    request.source() != null ? request.source() : VOICEBOT,
                    enrichment.customerInfo(), enrichment.suggestedAgent(), self());
            publisher.publish(command, receivedMicros);
            IncomingCall incoming = await(confirmation, callId);
            if (incoming.eventId().equals(CallLifecycleProcessor.incomingCallEventId(command.eventId()))) {
                return new Started(true, new CallAccepted(callId, incoming.payload().status()), null);
            }
            // a concurrent request with the same callId won; ours changed nothing
            return new Started(false, null, locate(callId, false)
                    .orElseGet(() -> CallView.of(incoming.payload())));
        } finally {
            confirmations.forget(callId, confirmation);
        }
    }

    public void end(String callId, EndCallRequest request) {
        try (CallMdc.Scope ignored = CallMdc.call(callId)) {
            CallView call = locate(callId, false).orElseThrow(() -> unknown(callId));
            if (CallStatus.ENDED.value().equals(call.status())) {
                throw ApiException.conflict("call_ended", "call " + callId + " has already ended");
            }
            publisher.publish(EndCall.of(callId, request.endReason(), VOICEBOT, self()));
        }
    }

    /** The call, from this instance's store or, unless {@code localOnly}, from the instance that owns it. */
    public CallView get(String callId, boolean localOnly) {
        return locate(callId, localOnly).orElseThrow(() -> unknown(callId));
    }

    /**
     * The {@code limit} most recently started calls with that status, oldest first, of every instance (unless
     * {@code localOnly}: this instance's partitions only).
     */
    public List<CallView> list(Optional<CallStatus> status, int limit, boolean localOnly) {
        List<CallView> calls = new ArrayList<>(localList(status, limit));
        if (!localOnly) {
            String query = "limit=" + limit + status.map(s -> "&status=" + s.value()).orElse("");
            for (HostInfo other : owners.otherOwners()) {
                calls.addAll(owners.fetchList(other, query));
            }
        }
        return newestOldestFirst(calls.stream(), limit, CallView::startTime);
    }

    /** Ringing or connected calls are read one by one from those {@link LiveCalls} names; all or ended: a scan. */
    private List<CallView> localList(Optional<CallStatus> status, int limit) {
        List<CallState> candidates = status.isPresent() && status.get() != CallStatus.ENDED
                ? stores.<CallState>getAll(CallLifecycleTopology.CALLS_STORE, liveCalls.withStatus(status.get()))
                : stores.<CallState>values(CallLifecycleTopology.CALLS_STORE);
        return newestOldestFirst(candidates.stream().filter(call -> status.isEmpty() || call.status() == status.get()),
                limit, CallState::startedAt).stream().map(CallView::of).toList();
    }

    /** The {@code limit} newest, listed oldest first. */
    private static <T, K extends Comparable<? super K>> List<T> newestOldestFirst(Stream<T> items, int limit,
                                                                                Function<T, K> start) {
        return items.sorted(Comparator.comparing(start).reversed()).limit(limit)
                .sorted(Comparator.comparing(start)).toList();
    }

    private Optional<CallView> locate(String callId, boolean localOnly) {
        Optional<CallView> local = Optional.ofNullable(stores.<CallState>get(CallLifecycleTopology.CALLS_STORE,
                callId)).map(CallView::of);
        if (local.isPresent() || localOnly) {
            return local;
        }
        return owners.remoteOwnerOf(callId).flatMap(owner -> owners.fetch(owner, callId));
    }

    private IncomingCall await(CompletableFuture<IncomingCall> confirmation, String callId) {
        try {
            return confirmation.get(ingest.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_confirmed", "call " + callId
                    + " was accepted by Kafka but its incoming-call event was not confirmed within "
                    + ingest.confirmTimeout() + "; check GET /api/v1/calls/" + callId + " before retrying");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted", "request interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private RequestedBy self() {
        return new RequestedBy(ingest.instanceId(), null);
    }

    private static ApiException unknown(String callId) {
        return ApiException.notFound("call_not_found", "call " + callId + " does not exist");
    }
}
