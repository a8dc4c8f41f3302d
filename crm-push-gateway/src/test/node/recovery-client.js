// A CRM on socket.io-client 4.8 that asks for Socket.IO connection-state recovery, driven from JUnit
// (NodeCrmClient.startRecovering). Usage: node recovery-client.js <serverUrl>
// Connects with auth {recovery: true}; on every 'connect' prints {t:"connect", id, recovered} and, unless the
// connection was recovered, joins as the guide's class does. Prints every event with all its arguments
// ({t:"event", event, args}) and every disconnect. Reads one JSON command per line from stdin:
//   {"op":"drop"} -> closes the Engine.IO connection (as a network drop would); the client reconnects by itself
//   {"op":"disconnect"}
const readline = require('readline');
const { io } = require('socket.io-client-recovery');

function print(type, fields) {
    process.stdout.write(JSON.stringify(Object.assign({ t: type }, fields)) + '\n');
}

// websocket only: a join over long-polling could queue more than slow-client.max-polling-queue on a busy test broker
const socket = io(process.argv[2], { auth: { recovery: true }, transports: ['websocket'], reconnectionDelay: 200,
    reconnectionDelayMax: 500 });
socket.on('connect', () => {
    print('connect', { id: socket.id, recovered: socket.recovered });
    if (!socket.recovered) {
        socket.emit('join_call_center', { userType: 'crm_system', userId: 'crm_recovering',
            clientInfo: { platform: 'node', version: '4.8.1' } });
    }
});
socket.on('disconnect', (reason) => print('disconnect', { reason }));
socket.on('connect_error', (error) => print('connect_error', { message: error.message }));
socket.onAny((event, ...args) => print('event', { event, args }));

readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const command = JSON.parse(line);
    if (command.op === 'drop') {
        socket.io.engine.close();
    } else if (command.op === 'disconnect') {
        socket.disconnect();
        process.exit(0);
    }
});
