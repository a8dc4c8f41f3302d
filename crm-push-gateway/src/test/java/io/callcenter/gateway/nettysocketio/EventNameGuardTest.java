package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.protocol.Event;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patch 3: an event the gateway has no listener for reaches it as {@link EventNameGuard#UNKNOWN_EVENT} naming the
 * original, where netty-socketio would drop it silently; a handled event is read as the library reads it.
 */
class EventNameGuardTest {
    private final EventNameGuard guard = new EventNameGuard(new JacksonJsonSupport(), Set.of("answer_call"));

    @Test
    void anUnhandledEventIsRenamedWithItsNameAsTheOneArgument() throws Exception {
        Event event = read("[\"delete_everything\",{\"callId\":\"C1\"}]");

        assertThat(event.getName()).isEqualTo(EventNameGuard.UNKNOWN_EVENT).isEqualTo(NettySocketIo.UNKNOWN_EVENT);
        assertThat(event.getArgs()).containsExactly("delete_everything");
    }

    @Test
    void aHandledEventIsLeftAsTheLibraryReadsIt() throws Exception {
        guard.addEventMapping("", "answer_call", Object.class); // what addEventListener does

        Event event = read("[\"answer_call\",{\"callId\":\"C1\"}]");

        assertThat(event.getName()).isEqualTo("answer_call");
        assertThat(event.getArgs()).hasSize(1).first().asString().contains("C1");
    }

    private Event read(String json) throws Exception {
        ByteBuf buffer = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        try (ByteBufInputStream in = new ByteBufInputStream(buffer, true)) {
            return guard.readValue("", in, Event.class);
        }
    }
}
