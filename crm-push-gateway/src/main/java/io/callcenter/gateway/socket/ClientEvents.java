package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.AckRequest;

import java.util.Set;

/**
 * What the gateway does with the events a connected client emits. The socket package only routes them
 * ({@link SocketServer} registers one listener per name and hands over the socket's {@link ClientState}); the
 * commands feature ({@code commands.SocketEvents}) serves them. Owned here so that socket/ does not depend on the
 * features built on it.
 */
public interface ClientEvents {
    /** The event names served; netty-socketio hands any other name to {@link #unknown}. */
    Set<String> names();

    /** One of {@link #names()} from a socket that completed its namespace connect. */
    void on(String event, ClientState client, Object payload, AckRequest ack);

    /** An event name outside {@link #names()}. */
    void unknown(String event, ClientState client, AckRequest ack);
}
