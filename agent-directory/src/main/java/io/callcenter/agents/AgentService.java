package io.callcenter.agents;

import io.callcenter.kit.api.ApiException;
import io.callcenter.model.ContractRecord;
import io.callcenter.model.agents.AgentStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Every change to an agent goes through here: the agent row and one outbox row ({@link AgentStatusChanged}) are
 * written in the same transaction, so an event exists exactly when the change committed. A request that would change
 * nothing writes nothing and so publishes nothing. Invariant: {@code currentCallId} is set only while {@code busy}.
 */
@Service
public class AgentService {
    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    private final AgentRepository agents;
    private final AgentOutbox outbox;
    private final ProcessedCallEvents processed;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public AgentService(AgentRepository agents, AgentOutbox outbox, ProcessedCallEvents processed,
                        ApplicationEventPublisher events, Clock clock) {
        this.agents = agents;
        this.outbox = outbox;
        this.processed = processed;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Agent> all() {
        return agents.findAll();
    }

    @Transactional(readOnly = true)
    public List<Agent> available() {
        return agents.findAvailable();
    }

    @Transactional(readOnly = true)
    public List<Agent> available(int limit) {
        return agents.findAvailable(limit);
    }

    @Transactional(readOnly = true)
    public Agent get(int id) {
        return agents.findById(id).orElseThrow(() -> unknownAgent(id));
    }

    /** Creates an agent and publishes its creation as a change from no status ({@code previousStatus} null). */
    @Transactional
    public Agent create(int userId, String fullName, String extension, AgentStatus status) {
        agents.findByUserId(userId).ifPresent(existing -> {
            throw ApiException.conflict("duplicate_user_id",
                    "field 'userId': user " + userId + " already is agent " + existing.id());
        });
        agents.findByExtension(extension).ifPresent(existing -> {
            throw ApiException.conflict("duplicate_extension",
                    "field 'extension': extension " + extension + " already belongs to agent " + existing.id());
        });
        try {
            Agent created = agents.insert(userId, fullName, extension, status, now());
            record(created, null);
            return created;
        } catch (DuplicateKeyException raced) {
            throw ApiException.conflict("duplicate_agent",
                    "field 'userId' or 'extension' was just taken by a concurrent request");
        }
    }

    /**
     * Sets the status from the REST API. The same status again changes nothing. Leaving {@code busy} ends the
     * agent's association with its call, so that call's later end does not make the agent available.
     */
    @Transactional
    public Agent changeStatus(int id, AgentStatus status) {
        Agent current = agents.findByIdForUpdate(id).orElseThrow(() -> unknownAgent(id));
        if (current.status() == status) {
            return current;
        }
        String callId = status == AgentStatus.BUSY ? current.currentCallId() : null;
        return apply(current, status, callId);
    }

    /**
     * The agent answered a call: busy on it. A redelivered event changes nothing: it is recognised by its eventId
     * and, should that record be gone, by the agent already being busy on the call.
     */
    @Transactional
    public void callAnswered(UUID eventId, int agentId, String callId) {
        if (callId == null) {
            log.warn("CallAnswered for agent {} without a callId; ignored", agentId);
            return;
        }
        if (alreadyApplied(eventId)) {
            return;
        }
        agents.findByIdForUpdate(agentId).ifPresentOrElse(current -> {
            if (current.status() == AgentStatus.BUSY && callId.equals(current.currentCallId())) {
                log.debug("agent {} already busy on call {}", agentId, callId);
                return;
            }
            if (current.currentCallId() != null) {
                log.warn("agent {} answered call {} while still on call {}", agentId, callId,
                        current.currentCallId());
            }
            log.info("agent {} busy on call {}", agentId, callId);
            apply(current, AgentStatus.BUSY, callId);
        }, () -> log.warn("CallAnswered for unknown agent {} (call {}); ignored", agentId, callId));
    }

    /**
     * The agent's call ended: available again, but only if the agent is still on that call; a redelivery (by eventId)
     * or the end of a call the agent already left changes nothing.
     */
    @Transactional
    public void callEnded(UUID eventId, int agentId, String callId) {
        if (callId == null) {
            log.warn("CallEnded for agent {} without a callId; ignored", agentId);
            return;
        }
        if (alreadyApplied(eventId)) {
            return;
        }
        agents.findByIdForUpdate(agentId).ifPresentOrElse(current -> {
            if (!callId.equals(current.currentCallId())) {
                log.debug("agent {} is not on call {} (current: {}); nothing to do", agentId, callId,
                        current.currentCallId());
                return;
            }
            log.info("agent {} available: call {} ended", agentId, callId);
            apply(current, AgentStatus.AVAILABLE, null);
        }, () -> log.warn("CallEnded for unknown agent {} (call {}); ignored", agentId, callId));
    }

    /** Records the call event as applied in this transaction; true if it had been already (a redelivery). */
    private boolean alreadyApplied(UUID eventId) {
        if (eventId != null && !processed.markProcessed(eventId)) {
            log.debug("call event {} already applied; ignored", eventId);
            return true;
        }
        return false;
    }

    private Agent apply(Agent current, AgentStatus status, String callId) {
        if (current.status() == status && Objects.equals(current.currentCallId(), callId)) {
            return current;
        }
        Agent changed = current.withStatus(status, now(), callId);
        agents.updateStatus(changed);
        record(changed, current.status());
        return changed;
    }

    private void record(Agent agent, AgentStatus previous) {
        outbox.append(new AgentStatusChanged(UUID.randomUUID(), agent.statusChangedAt(),
                ContractRecord.SCHEMA_VERSION, agent.id(), agent.userId(), agent.fullName(), agent.status().wire(),
                previous == null ? null : previous.wire(), agent.currentCallId()));
        events.publishEvent(new OutboxRowWritten(agent.id()));
    }

    /** Microseconds, the precision PostgreSQL stores, so the event's time equals the stored one. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiException unknownAgent(int id) {
        return ApiException.notFound("agent_not_found", "no agent with id " + id);
    }
}
