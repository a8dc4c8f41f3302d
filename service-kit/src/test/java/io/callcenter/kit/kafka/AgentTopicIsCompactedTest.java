package io.callcenter.kit.kafka;

import io.callcenter.model.Topics;
import io.callcenter.testing.RealInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent topic, read from the beginning as the table of agents, is compacted on the real broker: created so by a
 * service, and brought back to it at start-up when an existing cluster has it with delete retention (once, logged;
 * a second run changes nothing). The stats topic, full snapshots keyed by scope, is compacted too.
 */
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = AgentTopicIsCompactedTest.App.class)
class AgentTopicIsCompactedTest {
    private static final ConfigResource AGENT_TOPIC = new ConfigResource(ConfigResource.Type.TOPIC,
            Topics.AGENT_EVENTS);

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void theAgentTopicIsCompactedAndAnExistingDeleteTopicIsBroughtInLineOnce(CapturedOutput output) throws Exception {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            assertThat(cleanupPolicy(admin)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(kafkaAdmin.describeTopics(Topics.CALL_EVENTS, Topics.CALL_COMMANDS)).hasSize(2);
            assertThat(cleanupPolicy(admin, Topics.CALL_EVENTS)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);

            // a cluster whose agent topic was created before it was declared compacted
            admin.incrementalAlterConfigs(Map.of(AGENT_TOPIC, List.of(new AlterConfigOp(new ConfigEntry(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            assertThat(cleanupPolicy(admin)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
            TableTopicPolicy policy = new TableTopicPolicy(kafkaAdmin, List.of(Topics.AGENT_EVENTS));

            policy.afterSingletonsInstantiated();
            policy.afterSingletonsInstantiated();

            assertThat(cleanupPolicy(admin)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(Pattern.compile("Changed cleanup.policy of " + Pattern.quote(Topics.AGENT_EVENTS)
                    + " from 'delete' to 'compact'").matcher(output.getAll()).results().count()).isOne();
        }
    }

    @Test
    void theStatsTopicIsCompactedWithTenMinuteSegments() throws Exception {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            assertThat(cleanupPolicy(admin, Topics.CALL_STATS)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CALL_STATS);
            assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.SEGMENT_MS_CONFIG).value()).isEqualTo("600000");
        }
    }

    private static String cleanupPolicy(Admin admin) throws Exception {
        return cleanupPolicy(admin, Topics.AGENT_EVENTS);
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }

    @SpringBootApplication
    static class App {
    }
}
