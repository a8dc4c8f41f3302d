package io.callcenter.kit.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the contract's topics are created when missing ({@code CALLCENTER_TOPICS_PARTITIONS},
 * {@code CALLCENTER_TOPICS_REPLICATION_FACTOR}). Existing topics are never changed.
 */
@ConfigurationProperties("callcenter.topics")
public record TopicsProperties(Integer partitions, Short replicationFactor) {
    public TopicsProperties {
        partitions = partitions == null ? 3 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    }
}
