package io.callcenter.agents;

import io.callcenter.kit.api.ApiException;
import io.callcenter.kit.api.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The agents REST API, every response in the {@link ApiResponse} envelope. */
@Tag(name = "agents", description = "Agents and their status")
@RestController
@RequestMapping(path = "/api/agents", produces = MediaType.APPLICATION_JSON_VALUE)
public class AgentController {
    static final int MAX_LIMIT = 1000;
    private final AgentService service;

    public AgentController(AgentService service) {
        this.service = service;
    }

    @Operation(summary = "All agents with their status, ordered by id")
    @GetMapping("/status")
    public ApiResponse<List<Agent>> all() {
        return ApiResponse.ok(service.all());
    }

    @Operation(summary = "Available agents only, longest idle first (the routing order); ?limit=N for the first N "
            + "only (call-ingest asks for 1: the agent it suggests)")
    @GetMapping("/available")
    public ApiResponse<List<Agent>> available(
            @Parameter(description = "at most this many agents (1-" + MAX_LIMIT + "); all when absent")
            @RequestParam(required = false) @Min(1) @Max(MAX_LIMIT) Integer limit) {
        return ApiResponse.ok(limit == null ? service.available() : service.available(limit));
    }

    @Operation(summary = "One agent; 404 agent_not_found if unknown")
    @GetMapping("/{id}")
    public ApiResponse<Agent> one(@PathVariable int id) {
        return ApiResponse.ok(service.get(id));
    }

    @Operation(summary = "Create an agent (status defaults to available); its creation is published as an "
            + "AgentStatusChanged with previousStatus null; 409 if userId or extension is taken")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public ApiResponse<Agent> create(@Valid @RequestBody NewAgentRequest request) {
        AgentStatus status = request.status() == null ? AgentStatus.AVAILABLE : parseStatus(request.status());
        return ApiResponse.ok(service.create(Math.toIntExact(request.userId()), request.fullName().strip(),
                request.extension().strip(), status));
    }

    @Operation(summary = "Set an agent's status (available, busy, away, offline); the same status again changes "
            + "nothing; every change is one event on callcenter.agent-events.v1 (delivered at least once: a resend "
            + "repeats its eventId)")
    @PutMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ApiResponse<Agent> changeStatus(@PathVariable int id, @Valid @RequestBody StatusChangeRequest request) {
        return ApiResponse.ok(service.changeStatus(id, parseStatus(request.status())));
    }

    private static AgentStatus parseStatus(String value) {
        return AgentStatus.fromWire(value).orElseThrow(() -> ApiException.badRequest("invalid_status",
                "field 'status' must be one of " + String.join(", ", AgentStatus.WIRE_VALUES) + "; got '" + value
                        + "'"));
    }
}
