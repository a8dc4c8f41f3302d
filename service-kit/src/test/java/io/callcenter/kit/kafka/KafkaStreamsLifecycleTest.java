package io.callcenter.kit.kafka;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class KafkaStreamsLifecycleTest {

    @Test
    void theStreamsLeaveTheGroupOnCloseAndADeadThreadIsReplaced() {
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);

        new KafkaStreamsLifecycle().configure(factory);

        verify(factory).setLeaveGroupOnClose(true);
        ArgumentCaptor<StreamsUncaughtExceptionHandler> handler =
                ArgumentCaptor.forClass(StreamsUncaughtExceptionHandler.class);
        verify(factory).setStreamsUncaughtExceptionHandler(handler.capture());
        assertThat(handler.getValue().handle(new IllegalStateException("boom")))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
