// The integration guide's CRMCallIntegration class, unchanged, driven from JUnit (GuideClient.java).
// Usage: node crm-client.js <serverUrl>
// Prints one JSON object per line for everything the CRM sees; reads one JSON command per line from stdin:
//   {"op":"answer","callId":"...","agentId":1}    -> crmCall.answerCall(callId, agentId)
//   {"op":"reject","callId":"...","reason":"..."} -> crmCall.rejectCall(callId, reason)
//   {"op":"emit","event":"...","args":[...],"ack":true} -> raw socket.emit (bad-input tests), ack printed
//   {"op":"transport"} -> prints the current Engine.IO transport name
//   {"op":"disconnect"}
const readline = require('readline');
const { io } = require('socket.io-client');

// What a browser page has and Node 20 does not; the guide's joinCallCenter() reads navigator.userAgent.
global.navigator = global.navigator || { userAgent: 'node-' + process.version };
global.io = io;

function print(type, fields) {
    process.stdout.write(JSON.stringify(Object.assign({ t: type }, fields)) + '\n');
}
// the guide's class logs to the console; keep stdout for the JSON protocol
console.log = (...args) => process.stderr.write(args.map(String).join(' ') + '\n');
console.error = console.log;

// ---- from the guide, section "2. JavaScript Integration Class", verbatim ----
class CRMCallIntegration {
    constructor(options = {}) {
        this.serverUrl = options.serverUrl || 'http://localhost:8000';
        this.crmUserId = options.crmUserId || 'crm_main';
        this.socket = null;
        this.currentCall = null;
        this.isConnected = false;
        
        // Callbacks
        this.onIncomingCall = options.onIncomingCall || this.defaultIncomingCallHandler;
        this.onCallAnswered = options.onCallAnswered || this.defaultCallAnsweredHandler;
        this.onCallEnded = options.onCallEnded || this.defaultCallEndedHandler;
        this.onAgentStatusUpdate = options.onAgentStatusUpdate || this.defaultAgentStatusHandler;
        this.onConnectionChange = options.onConnectionChange || this.defaultConnectionHandler;
        
        this.init();
    }

    init() {
        this.socket = io(this.serverUrl);
        this.setupEventListeners();
    }

    setupEventListeners() {
        // Connection events
        this.socket.on('connect', () => {
            console.log('✅ CRM connected to call system');
            this.isConnected = true;
            this.onConnectionChange(true);
            this.joinCallCenter();
        });

        this.socket.on('disconnect', () => {
            console.log('❌ CRM disconnected from call system');
            this.isConnected = false;
            this.onConnectionChange(false);
        });

        this.socket.on('joined_call_center', (data) => {
            console.log('🏢 CRM joined call center:', data);
        });

        // Call events
        this.socket.on('incoming_call_to_crm', (data) => {
            console.log('📞 Incoming call to CRM:', data);
            this.currentCall = data;
            this.onIncomingCall(data);
        });

        this.socket.on('call_answered', (data) => {
            console.log('✅ Call answered:', data);
            this.onCallAnswered(data);
        });

        this.socket.on('call_ended', (data) => {
            console.log('📴 Call ended:', data);
            this.currentCall = null;
            this.onCallEnded(data);
        });

        this.socket.on('agent_status_update', (data) => {
            console.log('👤 Agent status update:', data);
            this.onAgentStatusUpdate(data);
        });
    }

    joinCallCenter() {
        this.socket.emit('join_call_center', {
            userType: 'crm_system',
            userId: this.crmUserId,
            clientInfo: {
                platform: 'web',
                version: '1.0.0',
                timestamp: new Date().toISOString(),
                userAgent: navigator.userAgent
            }
        });
    }

    // Public methods
    answerCall(callId, agentId) {
        if (!this.isConnected) {
            console.error('Not connected to call system');
            return false;
        }

        this.socket.emit('answer_call', {
            callId: callId,
            agentId: agentId,
            source: 'crm_system'
        });

        console.log(`📞 CRM answering call ${callId} with agent ${agentId}`);
        return true;
    }

    rejectCall(callId, reason = 'crm_reject') {
        if (!this.isConnected) {
            console.error('Not connected to call system');
            return false;
        }

        this.socket.emit('end_call', {
            callId: callId,
            endReason: reason,
            source: 'crm_system'
        });

        console.log(`❌ CRM rejecting call ${callId}`);
        return true;
    }

    getCurrentCall() {
        return this.currentCall;
    }

    isCallSystemConnected() {
        return this.isConnected;
    }

    // Default handlers (có thể override)
    defaultIncomingCallHandler(callData) {
        alert(`📞 Cuộc gọi đến từ: ${callData.callerNumber}`);
    }

    defaultCallAnsweredHandler(data) {
        console.log('Call answered by agent');
    }

    defaultCallEndedHandler(data) {
        console.log('Call ended');
    }

    defaultAgentStatusHandler(data) {
        console.log(`Agent ${data.agentName} status: ${data.status}`);
    }

    defaultConnectionHandler(connected) {
        console.log(`Connection status: ${connected ? 'Connected' : 'Disconnected'}`);
    }

    // Cleanup
    disconnect() {
        if (this.socket) {
            this.socket.disconnect();
        }
    }
}
// ---- end of the guide's class ----

// The guide's section "ERROR HANDLING": the same class with the 'error' and 'connect_error' listeners added.
class CRMCallIntegrationWithErrors extends CRMCallIntegration {
    setupEventListeners() {
        super.setupEventListeners();
        this.socket.on('error', (error) => {
            console.error('Socket error:', error);
            this.onError(error);
        });
        this.socket.on('connect_error', (error) => {
            console.error('Connection error:', error);
            this.onConnectionError(error);
        });
        // not in the guide: lets the test see which socket id the server assigned and the joined answer's payload
        this.socket.on('connect', () => print('connect', { id: this.socket.id }));
        this.socket.on('joined_call_center', (data) => print('event', { name: 'joined_call_center', data }));
        this.socket.on('disconnect', (reason) => print('disconnect', { reason }));
    }

    onError(error) {
        print('event', { name: 'error', data: error });
    }

    onConnectionError(error) {
        this.isConnected = false;
        this.onConnectionChange(false);
        print('connect_error', { message: error && error.message });
    }
}

const crmCall = new CRMCallIntegrationWithErrors({
    serverUrl: process.argv[2],
    crmUserId: 'crm_node_test',
    onIncomingCall: (data) => print('event', { name: 'incoming_call_to_crm', data }),
    onCallAnswered: (data) => print('event', { name: 'call_answered', data }),
    onCallEnded: (data) => print('event', { name: 'call_ended', data }),
    onAgentStatusUpdate: (data) => print('event', { name: 'agent_status_update', data }),
    onConnectionChange: (connected) => print('connection', { connected }),
});

let ackCounter = 0;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (!line.trim()) {
        return;
    }
    const command = JSON.parse(line);
    switch (command.op) {
        case 'answer':
            print('sent', { ok: crmCall.answerCall(command.callId, command.agentId) });
            break;
        case 'reject':
            print('sent', { ok: crmCall.rejectCall(command.callId, command.reason) });
            break;
        case 'emit': {
            const args = command.args || [];
            if (command.ack) {
                const id = ++ackCounter;
                crmCall.socket.emit(command.event, ...args, (reply) => print('ack', { id, data: reply }));
            } else {
                crmCall.socket.emit(command.event, ...args);
            }
            print('sent', { ok: true });
            break;
        }
        case 'transport':
            print('transport', { name: crmCall.socket.io.engine ? crmCall.socket.io.engine.transport.name : null });
            break;
        case 'disconnect':
            crmCall.disconnect();
            setTimeout(() => process.exit(0), 100);
            break;
        default:
            print('unknown_op', { op: command.op });
    }
}).on('close', () => {
    crmCall.disconnect();
    setTimeout(() => process.exit(0), 100);
});
