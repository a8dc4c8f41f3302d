package io.callcenter.kit.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Brings the topics read as tables to {@code cleanup.policy=compact} on a cluster where they already exist with
 * another policy (a topic created before it was declared compacted keeps its old configuration: KafkaAdmin creates
 * missing topics only). Runs once at start-up through the AdminClient: describes each topic's policy and, only where
 * it differs, sets it ({@code incrementalAlterConfigs}), logging the change, so running it again changes nothing. A
 * topic that does not exist yet is left to KafkaAdmin, which creates it compacted; a broker that cannot be reached
 * is logged and does not stop the service (the next start tries again).
 */
final class TableTopicPolicy implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(TableTopicPolicy.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final KafkaAdmin kafkaAdmin;
    private final List<String> tableTopics;

    TableTopicPolicy(KafkaAdmin kafkaAdmin, List<String> tableTopics) {
        this.kafkaAdmin = kafkaAdmin;
        this.tableTopics = List.copyOf(tableTopics);
    }

    @Override
    public void afterSingletonsInstantiated() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            tableTopics.forEach(topic -> compact(admin, topic));
        } catch (RuntimeException e) {
            log.warn("Could not check the cleanup.policy of {}: {}", tableTopics, e.toString());
        }
    }

    private static void compact(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            String current = policy == null ? null : policy.value();
            if (TopicConfig.CLEANUP_POLICY_COMPACT.equals(current)) {
                log.debug("{} is already {}={}", topic, TopicConfig.CLEANUP_POLICY_CONFIG, current);
                return;
            }
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                    AlterConfigOp.OpType.SET)))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.warn("Changed {} of {} from '{}' to '{}': it is read from the beginning as a table, so records must "
                    + "not expire", TopicConfig.CLEANUP_POLICY_CONFIG, topic, current,
                    TopicConfig.CLEANUP_POLICY_COMPACT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                log.debug("{} does not exist yet; KafkaAdmin creates it compacted", topic);
            } else {
                log.warn("Could not bring {} to {}={}: {}", topic, TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            log.warn("Could not check the {} of {} within {} s", TopicConfig.CLEANUP_POLICY_CONFIG, topic,
                    TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
