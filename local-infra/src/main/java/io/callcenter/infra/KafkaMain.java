package io.callcenter.infra;

/**
 * Entry point of the broker child process: runs Kafka's own {@code kafka.Kafka} main, and exits when the parent JVM
 * that started it is gone, so that a killed test JVM or local run never leaves a broker behind.
 */
public final class KafkaMain {
    private KafkaMain() {
    }

    public static void main(String[] args) {
        String parentPid = System.getProperty("callcenter.parent.pid");
        if (parentPid != null) {
            ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                    () -> Runtime.getRuntime().halt(0));
        }
        kafka.Kafka.main(args);
    }
}
