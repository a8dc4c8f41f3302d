/**
 * crm-push-gateway: the integration guide's Socket.IO API for CRMs, fed from Kafka. Call and agent events come in
 * through {@code fanout} (every instance reads every record, no consumer group), are kept as views of ringing,
 * connected and ended calls and of agents, and go out to joined sockets through {@code socket}
 * ({@code EventSender}, one write queue per event loop). A CRM's {@code answer_call} / {@code end_call} goes the other
 * way: {@code socket} → {@code commands} (checked, then published to call-commands; the ack waits for call-ingest's
 * outcome). {@code rest} serves the guide's REST paths on the same port; {@code nettysocketio} holds every patch over
 * netty-socketio 2.0.14. {@link io.callcenter.gateway.GatewayLifecycle} orders start (replay, then open the port) and
 * the graceful stop. Packages import one way only (README "Packages", {@code ArchitectureTest}).
 */
package io.callcenter.gateway;
