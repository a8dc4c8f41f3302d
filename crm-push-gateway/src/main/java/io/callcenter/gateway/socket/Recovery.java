package io.callcenter.gateway.socket;

/**
 * What the fan-out does for a socket that asks for Socket.IO connection-state recovery ({@link ConnectGate}).
 */
public interface Recovery {
    /**
     * If every broadcast after {@code offset} is still known: runs {@code accepted} (the gate's recovered CONNECT
     * answer), sends the socket those broadcasts in order with their offsets, counts it as joined again if it was,
     * and returns true; all with no broadcast falling between. Otherwise does nothing and returns false.
     */
    boolean recover(ClientState client, Object offset, boolean wasJoined, Runnable accepted);
}
