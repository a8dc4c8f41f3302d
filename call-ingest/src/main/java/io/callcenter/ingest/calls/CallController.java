package io.callcenter.ingest.calls;

import io.callcenter.kit.api.ApiException;
import io.callcenter.kit.api.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** The VoiceBot ingest API, {@code /api/v1/calls}, in the shared response envelope. */
@RestController
@RequestMapping("/api/v1/calls")
class CallController {
    private static final Logger log = LoggerFactory.getLogger(CallController.class);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    private final CallService calls;

    CallController(CallService calls) {
        this.calls = calls;
    }

    /** 202 once the incoming call is committed; 200 with the existing call when the callId is already known. */
    @PostMapping
    ResponseEntity<ApiResponse<?>> start(@Valid @RequestBody NewCallRequest request) {
        CallService.Started started = calls.start(request);
        return started.created()
                ? ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(started.accepted()))
                : ResponseEntity.ok(ApiResponse.ok(started.existing()));
    }

    @PostMapping("/{callId}/end")
    ResponseEntity<ApiResponse<CallAccepted>> end(
            @PathVariable String callId, @Valid @RequestBody EndCallRequest request) {
        calls.end(CallIds.requireValid(callId), request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(new CallAccepted(callId, "ending")));
    }

    @GetMapping("/{callId}")
    ApiResponse<CallView> get(@PathVariable String callId,
                              @RequestHeader(name = CallOwners.LOCAL_ONLY, defaultValue = "false") boolean localOnly) {
        return ApiResponse.ok(calls.get(CallIds.requireValid(callId), localOnly));
    }

    /** Kafka did not acknowledge the command: nothing is promised, the VoiceBot should retry. */
    @ExceptionHandler(CallCommandPublisher.CommandNotSentException.class)
    ResponseEntity<ApiResponse<Void>> notSent(CallCommandPublisher.CommandNotSentException e) {
        log.error("{}", e.getMessage(), e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ApiResponse.failure("kafka_unavailable", e.getMessage() + "; retry"));
    }

    /**
     * The {@code limit} most recently started calls with that status (all kept calls without one), listed oldest
     * first. Bounded because without a status the store holds every call ended within the retention (an hour of
     * traffic), too much for one response.
     */
    @GetMapping
    ApiResponse<List<CallView>> list(
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestHeader(name = CallOwners.LOCAL_ONLY, defaultValue = "false") boolean localOnly) {
        Optional<CallStatus> wanted = Optional.empty();
        if (status != null) {
            wanted = Optional.of(CallStatus.parse(status).orElseThrow(() -> ApiException.badRequest(
                    "invalid_parameter", "parameter 'status' must be one of " + CallStatus.allValues())));
        }
        return ApiResponse.ok(calls.list(wanted, limit, localOnly));
    }
}
