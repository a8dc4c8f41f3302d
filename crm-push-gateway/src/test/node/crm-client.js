// The integration guide's CRMCallIntegration class (the console's copy, unchanged), driven from JUnit (GuideClient.java).
// Usage: node crm-client.js <serverUrl> [pageQuery]
//   pageQuery: the console page's query string, e.g. "?token=<jwt>"; its token is handed to the guide's class the way
//   the console does it (crm-access-token.js: Socket.IO v4 auth: {token}). Without it, the guide's class as written.
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

// The guide's class is not copied here: it is the console's crm-call-integration.js (the guide's section
// "2. JavaScript Integration Class" with its "ERROR HANDLING" listeners merged in), copied next to this file by the
// Maven build, and run as the classic script a browser page would load after socket.io.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const GUIDE_CLASS = path.join(__dirname, 'crm-call-integration.js');
const CRMCallIntegration = vm.runInThisContext(fs.readFileSync(GUIDE_CLASS, 'utf8') + '\n;CRMCallIntegration',
    { filename: GUIDE_CLASS });
// The console's token handling, copied next to this file by the build like the class.
const ACCESS_TOKEN_SCRIPT = path.join(__dirname, 'crm-access-token.js');
const CrmAccessToken = vm.runInThisContext(fs.readFileSync(ACCESS_TOKEN_SCRIPT, 'utf8') + '\n;CrmAccessToken',
    { filename: ACCESS_TOKEN_SCRIPT });
const token = CrmAccessToken.fromQuery(process.argv[3] || '');

// What the test needs to see besides the guide's callbacks; the guide's own listeners (incl. 'error' and
// 'connect_error', which call onError/onConnectionError) stay as they are.
class CRMCallIntegrationWithErrors extends CrmAccessToken.withToken(CRMCallIntegration, token) {
    setupEventListeners() {
        super.setupEventListeners();
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
