package io.callcenter.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal TCP edge for the failover tests: each accepted connection goes to the first backend that accepts it, in
 * order, and stays there (one websocket = one TCP connection, so that is sticky). When the preferred gateway dies,
 * its clients' reconnections land on the next one, as behind a real load balancer.
 */
final class FailoverProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<InetSocketAddress> backends;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "failover-proxy");
        t.setDaemon(true);
        return t;
    });

    FailoverProxy(List<InetSocketAddress> backends) throws IOException {
        this.backends = backends;
        this.server = new ServerSocket(0);
        threads.submit(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> connect(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        for (InetSocketAddress backend : backends) {
            try {
                Socket upstream = new Socket();
                upstream.connect(backend, 1_000);
                threads.submit(() -> pump(client, upstream));
                threads.submit(() -> pump(upstream, client));
                return;
            } catch (IOException refused) {
                // try the next backend
            }
        }
        closeQuietly(client);
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
