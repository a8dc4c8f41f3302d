package io.callcenter.agents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what is only kept for a while: published outbox rows and the ids of long-applied call events. When and how
 * often are settings ({@code callcenter.agents.housekeeping.*}), so that an operator can tune them without a build.
 */
@Component
public class Housekeeping {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final AgentOutbox outbox;
    private final ProcessedCallEvents processed;
    private final AgentDirectoryProperties properties;

    public Housekeeping(AgentOutbox outbox, ProcessedCallEvents processed, AgentDirectoryProperties properties) {
        this.outbox = outbox;
        this.processed = processed;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${callcenter.agents.housekeeping.initial-delay}",
            fixedDelayString = "${callcenter.agents.housekeeping.interval}")
    public void deleteExpired() {
        try {
            int rows = outbox.deletePublishedOlderThan(properties.outbox().retention());
            int ids = processed.deleteOlderThan(properties.callEvents().processedRetention());
            if (rows + ids > 0) {
                log.info("deleted {} published outbox rows and {} processed call-event ids", rows, ids);
            }
        } catch (RuntimeException e) {
            log.warn("housekeeping failed, retrying in {}: {}", properties.housekeeping().interval(), e.toString());
        }
    }
}
