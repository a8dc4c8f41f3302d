/**
 * Everything the gateway does around netty-socketio 2.0.14's bugs and missing calls, in one place. The rest of the
 * gateway reaches these patches only through {@link io.callcenter.gateway.nettysocketio.NettySocketIo}; each patch
 * class is package-private. The maintained fork ({@code com.socketio4j}) fixes patches 1 and 2 in its source but does
 * not resolve from the registries used here, so the gateway stays on 2.0.14.
 * <p>
 * Line numbers refer to the tag {@code netty-socketio-2.0.14} of
 * <a href="https://github.com/mrniko/netty-socketio">mrniko/netty-socketio</a>. <b>On every netty-socketio
 * upgrade</b>: run {@code mvn -B -pl crm-push-gateway -am verify}; the "pins the library" tests below are written to
 * fail once the library stops misbehaving, which is the signal to remove that patch (and its test).
 *
 * <table>
 * <caption>The patches</caption>
 * <tr><th>#</th><th>patch</th><th>library bug or gap (2.0.14)</th><th>tests</th><th>upgrade check / remove when</th></tr>
 * <tr><td>1</td><td>{@code B64QueryFix}: drops {@code b64} from {@code EIO=4} requests</td>
 * <td>{@code PollingTransport} (lines 71-84) honours {@code b64=1} whatever the Engine.IO version and
 * {@code EncoderHandler} (line 299) then answers in v3 length-prefixed framing, which an EIO 4 client cannot parse:
 * socket.io-client 4.0.0 under Node (browsers send no {@code b64}) never connects. No upstream issue found; the
 * v4 compatibility threads are <a href="https://github.com/mrniko/netty-socketio/issues/875">#875</a> and
 * <a href="https://github.com/mrniko/netty-socketio/pull/912">#912</a>.</td>
 * <td>{@code B64QueryFixTest} (unit); {@code B64PollingFixTest}: pins the library (the Node client, fix off through
 * {@code callcenter.gateway.b64-fix=false}, cannot connect)</td>
 * <td>remove (with the {@code b64-fix} property) when {@code B64PollingFixTest
 * .withoutTheFixTheNodeGuideClientCannotConnectOverPolling} fails.</td></tr>
 * <tr><td>2</td><td>{@code PollingBatchFix}: the polling encoder never takes more than the limit off the queue</td>
 * <td>{@code PacketEncoder.encodePackets} (lines 126-127) polls a packet before it checks {@code i == limit}, so the
 * 51st packet of a long-polling answer is taken off the queue and dropped. No upstream issue found.</td>
 * <td>{@code PollingBatchFixTest.theLibrarysEncoderLosesThePacketPastTheLimit} pins the library;
 * {@code FanoutOrderTest} (200 events to polling-only clients)</td>
 * <td>{@code EncoderHandler}'s constructor and {@code encodePackets}' signature unchanged (compile); remove when the
 * pinning test fails.</td></tr>
 * <tr><td>3</td><td>{@code EventNameGuard}: an unhandled event arrives as {@code $unknown_event}</td>
 * <td>{@code Namespace.onEvent} (lines 127-130) returns silently for an event without a listener, so a client
 * misspelling {@code answer_call} would never hear back. A gap rather than a bug.</td>
 * <td>{@code EventNameGuardTest}; {@code GuideFlowNodeTest} ({@code unknown_event} error)</td>
 * <td>{@code JsonSupport}'s methods unchanged (compile); remove if the library gains a catch-all listener.</td></tr>
 * <tr><td>4</td><td>{@code WireFramePath}: whether a channel takes pre-built websocket frame bytes</td>
 * <td>No bug: the encode-once path relies on {@code EncoderHandler} passing a plain {@code ByteBuf} through and on the
 * shape of the websocket pipeline netty-socketio builds.</td>
 * <td>{@code WebsocketWireFrameTest}, {@code EncodeOnceTest}, {@code FanoutOrderTest}</td>
 * <td>keep; on an upgrade check that {@code EncoderHandler} still ignores non-HTTP messages and the pipeline names.</td></tr>
 * <tr><td>5</td><td>{@code InboundPacketHook}: reports each session's websocket channel</td>
 * <td>{@code ClientHead} keeps a client's channels with no public accessor.</td>
 * <td>{@code EncodeOnceTest}, {@code WebsocketWireFrameTest}, {@code SlowClientTest}</td>
 * <td>remove when {@code SocketIOClient} exposes its channel.</td></tr>
 * <tr><td>6</td><td>{@code EngineIoClose}: closes a client at the Engine.IO level</td>
 * <td>Only {@code SocketIOClient.disconnect()} (a Socket.IO disconnect, after which socket.io-client does not
 * reconnect) is public; the close packet is sent through {@code NamespaceClient.getBaseClient()}.</td>
 * <td>{@code GracefulStopTest}; {@code GatewayRestartConvergenceTest} (system-tests)</td>
 * <td>{@code ClientHead.send}, {@code getPacketsQueue} unchanged; remove if the library offers a transport close.</td></tr>
 * <tr><td>7</td><td>{@code ServerReflection.releaseDefaultPipelineFactory}</td>
 * <td>{@code SocketIOServer} (line 54) creates a default {@code SocketIOChannelInitializer} whose
 * {@code HashedWheelTimeoutScheduler} (line 90) is never stopped once {@code setPipelineFactory} replaces it:
 * <a href="https://github.com/mrniko/netty-socketio/issues/499">#499</a>,
 * <a href="https://github.com/mrniko/netty-socketio/issues/741">#741</a> ("LEAK: HashedWheelTimer.release()").</td>
 * <td>{@code ServerReflectionTest}; {@code NettyLeakGuard} fails any test class that logs a Netty leak</td>
 * <td>remove when the initializer can be passed in (or is created lazily).</td></tr>
 * <tr><td>8</td><td>{@code ServerReflection.stopAccepting}: closes the listening socket only</td>
 * <td>{@code bossGroup} (line 56) is private and {@code stop()} shuts down acceptor and workers together, so a
 * draining gateway could not refuse new connections while it flushes the open ones.</td>
 * <td>{@code ServerReflectionTest}; {@code GracefulStopTest}</td>
 * <td>remove if the library offers an unbind.</td></tr>
 * <tr><td>9</td><td>{@code PollingSessions}: a polling client's backlog, and its release</td>
 * <td>No public call for the polling queue's size; {@code disconnect()} only queues the disconnect packet, so a
 * client that never polls again keeps its session until the ping timeout.</td>
 * <td>{@code SlowPollingClientTest}</td>
 * <td>{@code ClientHead.disconnect()} and {@code getPacketsQueue} unchanged.</td></tr>
 * <tr><td>10</td><td>{@code io.callcenter.gateway.socket.ConnectGate} (stays there: it is the authentication
 * feature, and it registers sockets)</td>
 * <td>{@code AuthorizeHandler.connect} (lines 271-284) connects an EIO 4 session to the default namespace when its
 * transport binds, and {@code InPacketHandler} (lines 82-93) asks the {@code AuthTokenListener} only for a CONNECT
 * that carries data, registering the namespace client first: {@code 40}, {@code 40null} or no connect at all reach
 * the handlers. <a href="https://github.com/mrniko/netty-socketio/issues/1067">#1067</a> (open: the listener does not
 * run for a client without a token), <a href="https://github.com/mrniko/netty-socketio/issues/983">#983</a>
 * (connect fires twice on the default namespace).</td>
 * <td>{@code SocketAuthenticationBypassTest}, {@code AuthenticationTest}</td>
 * <td>keep the gate (deny by default); once both behaviours are fixed, its connect handling could become an
 * {@code AuthTokenListener}.</td></tr>
 * <tr><td>11</td><td>{@code PollingChannelGuard}: binds each poll and releases each closed poll connection under the
 * session's lock, and keeps the library's transports from seeing a poll connection go inactive; while a session
 * upgrades, ends a poll nothing answered within 100 ms with a noop</td>
 * <td>A poll connection closing while the session's next poll binds (two event loops): {@code ClientHead.bindChannel}
 * (lines 99-110) sets the new channel before it takes the old one out of the {@code ClientsBox};
 * {@code PollingTransport.channelInactive} (lines 184-194) can then clear the new channel (the poll is never
 * answered: the client ends on a ping timeout), and {@code WebSocketTransport.channelInactive} (lines 131-147) queues a
 * Socket.IO DISCONNECT for any session the channel still maps to, websocket or not
 * (<a href="https://github.com/mrniko/netty-socketio/issues/557">#557</a>,
 * <a href="https://github.com/mrniko/netty-socketio/issues/264">#264</a>, "polling clients sporadically get
 * prematurely disconnected"). Seen in this module's CI runs: a polling client sent hundreds of events by its join
 * got {@code io server disconnect}, or nothing and a ping timeout. And {@code PacketListener} (lines 55-63) answers
 * an upgrade probe with one noop on polling: a poll the client sends after reading it, just before it pauses polling
 * for the upgrade, waits for the next ping (25 s) while the upgrade timeout ({@code WebSocketTransport}, lines
 * 206-219, 10 s) ends the session, so the client never upgrades (the reference engine.io server sends a noop every
 * 100 ms while a session upgrades).</td>
 * <td>{@code PollingChannelGuardTest.theLibraryDisconnectsASessionWhoseOldPollClosesWhileTheNextOneBinds} pins the
 * library; the other cases of that test; {@code PollDuringUpgradeTest} (raw packets: the poll after the probe's noop
 * times out without the patch); every polling test of the module</td>
 * <td>remove when the pinning test fails and {@code bindChannel} / {@code releasePollingChannel} are atomic.</td></tr>
 * </table>
 */
package io.callcenter.gateway.nettysocketio;
