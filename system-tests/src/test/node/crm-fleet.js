// N CRMs in one Node process, each the integration guide's CRMCallIntegration class (the console's copy,
// crm-call-integration.js, unchanged) on socket.io-client 4.0.0 with its own connection, driven as the guide's
// Complete HTML Example page drives it. Used by the system tests (NodeCrmFleet.java).
// Usage: node crm-fleet.js <serverUrl> <count>
// Reads one JSON command per line on stdin:
//   {"op":"state"} -> prints {"t":"state","crms":[...]} with, per CRM:
//      connected, joins (joined_call_center received), connects, disconnects (reasons),
//      popup    - the callId the guide's page shows in its incoming-call popup, or null: the page shows a call on
//                 incoming_call_to_crm and hides the popup on call_answered or call_ended (handleCallAnswered /
//                 handleCallEnded), whatever call they are about
//      current  - the guide's class's own getCurrentCall() callId (set on incoming, cleared on call_ended only)
//      ringing  - calls told ringing and not since told answered or ended (what a console lists as ringing)
//      answered, ended - every callId this CRM has been told was answered / ended
//   {"op":"close"} -> disconnects every CRM and exits
const readline = require('readline');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { io } = require('socket.io-client');

global.navigator = global.navigator || { userAgent: 'node-' + process.version };
global.io = io;
// the guide's class logs every event to the console; keep stdout for the JSON protocol and stderr quiet
console.log = () => {};
console.error = (...args) => process.stderr.write(args.map(String).join(' ') + '\n');

const GUIDE_CLASS = path.join(__dirname, 'crm-call-integration.js');
const CRMCallIntegration = vm.runInThisContext(fs.readFileSync(GUIDE_CLASS, 'utf8') + '\n;CRMCallIntegration',
    { filename: GUIDE_CLASS });

const url = process.argv[2];
const count = parseInt(process.argv[3] || '1', 10);

function newCrm(index) {
    const view = {
        index, connected: false, joins: 0, connects: 0, disconnects: [], popup: null,
        ringing: new Set(), answered: new Set(), ended: new Set(),
    };
    const crm = new CRMCallIntegration({
        serverUrl: url,
        crmUserId: 'crm_fleet_' + index,
        // the guide's page: handleIncomingCall shows the popup for this call ...
        onIncomingCall: (data) => {
            view.popup = data.callId;
            view.ringing.add(data.callId);
        },
        // ... handleCallAnswered / handleCallEnded hide it
        onCallAnswered: (data) => {
            view.popup = null;
            view.ringing.delete(data.call.callId);
            view.answered.add(data.call.callId);
        },
        onCallEnded: (data) => {
            view.popup = null;
            view.ringing.delete(data.callId);
            view.ended.add(data.callId);
        },
        onAgentStatusUpdate: () => {},
        onConnectionChange: (connected) => { view.connected = connected; },
    });
    crm.onError = () => {};
    crm.onConnectionError = () => {};
    crm.socket.on('connect', () => { view.connects++; });
    crm.socket.on('joined_call_center', () => { view.joins++; });
    crm.socket.on('disconnect', (reason) => { view.disconnects.push(reason); });
    view.crm = crm;
    return view;
}

const crms = [];
for (let i = 0; i < count; i++) {
    crms.push(newCrm(i));
}

function state() {
    return crms.map((v) => ({
        index: v.index, connected: v.connected, joins: v.joins, connects: v.connects, disconnects: v.disconnects,
        popup: v.popup, current: v.crm.getCurrentCall() ? v.crm.getCurrentCall().callId : null,
        ringing: [...v.ringing], answered: [...v.answered], ended: [...v.ended],
    }));
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (!line.trim()) {
        return;
    }
    const command = JSON.parse(line);
    if (command.op === 'state') {
        process.stdout.write(JSON.stringify({ t: 'state', id: command.id, crms: state() }) + '\n');
    } else if (command.op === 'close') {
        crms.forEach((v) => v.crm.socket.disconnect());
        setTimeout(() => process.exit(0), 100);
    }
}).on('close', () => {
    crms.forEach((v) => v.crm.socket.disconnect());
    setTimeout(() => process.exit(0), 100);
});
