package io.callcenter.model;

/**
 * Who sent a command: the instance that put it on the topic and, for a CRM, the Socket.IO session id, so that a
 * rejection can be routed back to exactly that socket. {@code socketId} is null for commands not from a socket.
 */
public record RequestedBy(String instanceId, String socketId) {
}
