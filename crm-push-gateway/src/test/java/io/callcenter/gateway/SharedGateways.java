package io.callcenter.gateway;

/**
 * Gateways with the default configuration, started once per test JVM and shared by the test classes that need no
 * special settings (a Spring context takes a while to start on a busy machine). Stopped when the JVM exits.
 */
final class SharedGateways {
    private static GatewayInstance first;
    private static GatewayInstance second;

    private SharedGateways() {
    }

    static synchronized GatewayInstance first() {
        if (first == null) {
            first = GatewayInstance.start("gw-a-" + ProcessHandle.current().pid());
            Runtime.getRuntime().addShutdownHook(new Thread(first::close));
        }
        return first;
    }

    static synchronized GatewayInstance second() {
        if (second == null) {
            second = GatewayInstance.start("gw-b-" + ProcessHandle.current().pid());
            Runtime.getRuntime().addShutdownHook(new Thread(second::close));
        }
        return second;
    }
}
