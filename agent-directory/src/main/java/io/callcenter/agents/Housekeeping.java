package io.callcenter.agents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes what is only kept for a while: published outbox rows and the ids of long-applied call events. */
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

    @Scheduled(initialDelay = 60_000, fixedDelay = 600_000)
    public void deleteExpired() {
        try {
            int rows = outbox.deletePublishedOlderThan(properties.outbox().retention());
            int ids = processed.deleteOlderThan(properties.callEvents().processedRetention());
            if (rows + ids > 0) {
                log.info("deleted {} published outbox rows and {} processed call-event ids", rows, ids);
            }
        } catch (RuntimeException e) {
            log.warn("housekeeping failed, retrying in 10 minutes: {}", e.toString());
        }
    }
}
