package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.transport.NamespaceClient;

/**
 * A polling client's backlog and its release. netty-socketio 2.0.14 has no public call for either: the polling
 * packet queue lives in {@code ClientHead}, and {@code SocketIOClient.disconnect()} only queues the disconnect
 * packet, so a client that never polls again keeps its session, its queue and its place in the counts until the ping
 * timeout (about 45 s). Patch 9 of {@code package-info}.
 */
final class PollingSessions {
    private PollingSessions() {
    }

    /** Packets queued for the client's next poll; 0 for a client the library did not hand out as a NamespaceClient. */
    static int backlog(SocketIOClient client) {
        return client instanceof NamespaceClient namespaceClient
                ? namespaceClient.getBaseClient().getPacketsQueue(Transport.POLLING).size() : 0;
    }

    /** A Socket.IO disconnect, then the Engine.IO session released at once (queue dropped). */
    static void disconnectAndRelease(SocketIOClient client) {
        client.disconnect();
        if (client instanceof NamespaceClient namespaceClient) {
            namespaceClient.getBaseClient().disconnect();
        }
    }
}
