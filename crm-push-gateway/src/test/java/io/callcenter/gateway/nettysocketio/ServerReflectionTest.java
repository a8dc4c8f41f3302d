package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.scheduler.CancelableScheduler;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Patches 7 and 8 reach private fields of netty-socketio 2.0.14; a release that renames or retypes them fails here
 * (the gateway itself would only log and lose the timer release or the early port close).
 */
class ServerReflectionTest {

    @Test
    void theFieldsThePatchesReachExistWithTheTypes2014Has() throws Exception {
        assertThat(ServerReflection.field(SocketIOServer.class, "pipelineFactory").getType())
                .isEqualTo(SocketIOChannelInitializer.class);
        assertThat(ServerReflection.field(SocketIOChannelInitializer.class, "scheduler").getType())
                .isEqualTo(CancelableScheduler.class);
        assertThat(ServerReflection.field(SocketIOServer.class, "bossGroup").getType())
                .isEqualTo(EventLoopGroup.class);
    }

    @Test
    void theDefaultInitializersSchedulerIsReleasedAndStopAcceptingNeedsAStartedServer() throws Exception {
        SocketIOServer server = new SocketIOServer(new Configuration());

        ServerReflection.releaseDefaultPipelineFactory(server);

        assertThatThrownBy(() -> ServerReflection.stopAccepting(server))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        assertThat(NettySocketIo.stopAccepting(server)).isFalse();
    }
}
