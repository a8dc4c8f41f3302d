package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.scheduler.CancelableScheduler;
import io.netty.channel.EventLoopGroup;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;

/**
 * The two places the gateway reaches into {@link SocketIOServer}'s private fields, because netty-socketio 2.0.14 has
 * no call for either (patches 7 and 8 of {@code package-info}). Each throws when the field is not what 2.0.14 has;
 * the caller logs and goes on, and {@code ServerReflectionTest} fails on an upgrade that renames them.
 */
final class ServerReflection {
    private ServerReflection() {
    }

    /**
     * {@link SocketIOServer}'s constructor creates a default {@link SocketIOChannelInitializer}
     * ({@code pipelineFactory} field), whose {@code HashedWheelTimeoutScheduler} is never stopped once
     * {@code setPipelineFactory} replaces it (Netty's leak detector reports the {@code HashedWheelTimer}). Shuts that
     * scheduler down; call it before {@code setPipelineFactory}.
     */
    static void releaseDefaultPipelineFactory(SocketIOServer server) throws ReflectiveOperationException {
        Object defaultFactory = field(SocketIOServer.class, "pipelineFactory").get(server);
        ((CancelableScheduler) field(SocketIOChannelInitializer.class, "scheduler").get(defaultFactory)).shutdown();
    }

    /**
     * Shuts down the acceptor group ({@code bossGroup} field), which closes the listening socket; open connections
     * (the worker group) stay. {@code SocketIOServer.stop()} stops both at once.
     */
    static void stopAccepting(SocketIOServer server) throws ReflectiveOperationException {
        EventLoopGroup boss = (EventLoopGroup) field(SocketIOServer.class, "bossGroup").get(server);
        if (boss == null) {
            throw new IllegalStateException("the server is not started (no bossGroup)");
        }
        boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
