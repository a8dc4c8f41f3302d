#!/usr/bin/env node
/*
 * Reference server for the benchmarks: the smallest Node.js Socket.IO 4 server that speaks the same API as our system
 * (the CRM guide's events plus call-ingest's VoiceBot endpoints), so the same simulator and the same client swarm
 * drive both. It has no Kafka, no database and no lookups: what a team would write if it picked Socket.IO's own server.
 *
 *   Socket.IO  join_call_center -> joined_call_center (to the sender; the socket joins room 'crm')
 *              answer_call {callId, agentId} -> broadcast call_answered + agent_status_update (busy)
 *              end_call {callId, endReason}  -> broadcast call_ended (+ agent_status_update available if connected)
 *   HTTP       (VoiceBot API on --ingest-port, default port+1, a server without an upgrade listener: the Java
 *              simulator's HttpClient sends 'Upgrade: h2c', which engine.io's upgrade handler would destroy)
 *              POST /api/v1/calls {callId?, callerNumber, calledNumber, source} -> broadcast incoming_call_to_crm, 202
 *              POST /api/v1/calls/{id}/end {endReason} -> broadcast call_ended (+ agent_status_update), 202
 *              GET  (both ports) /api/agents/status, /api/agents/available, /api/call-center/status, /bench/stats (RSS, heap)
 *
 * Broadcasts use io.to('crm').emit(...), which encodes each packet once per broadcast (socket.io-adapter).
 * Usage: node reference-server.js [--port 8100] [--ingest-port 8101] [--agents 200]
 */
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const PORT = Number(opt('--port', process.env.REFERENCE_PORT || 8100));
const INGEST_PORT = Number(opt('--ingest-port', PORT + 1));
const AGENT_COUNT = Number(opt('--agents', 200));

// A fixed sample customer (the guide's) for every caller; agents 1..AGENT_COUNT, longest idle first.
const SAMPLE_CUSTOMER = {
  id: 1, fullName: 'Nguyễn Văn A', phoneNumber: '0912345678', email: 'nguyenvana@email.com', cif: 'CIF001230022',
};
const agents = new Map();
for (let id = 1; id <= AGENT_COUNT; id++) {
  agents.set(id, {
    id, userId: 100000 + id, fullName: `Bench Agent ${String(id).padStart(3, '0')}`,
    extension: String(7000 + id), status: 'available', statusChangedAt: new Date().toISOString(), currentCallId: null,
  });
}
const calls = new Map(); // callId -> {callId, ..., status: ringing|connected|ended, agentId}
let generatedIds = 0;

const crmTime = (date = new Date()) => date.toISOString().replace('Z', '') + '000'; // 2025-09-22T05:46:34.487000
const agentInfo = (a) => (a ? { id: a.id, userId: a.userId, fullName: a.fullName, status: a.status } : null);
const longestIdle = () => {
  let best = null;
  for (const a of agents.values()) {
    if (a.status === 'available' && (!best || a.statusChangedAt < best.statusChangedAt)) best = a;
  }
  return best;
};

const server = http.createServer(handleHttp);
const ingest = http.createServer(handleHttp);
const io = new Server(server, { cors: { origin: '*' }, perMessageDeflate: false });

function setAgentStatus(agent, status, callId) {
  const previousStatus = agent.status;
  agent.status = status;
  agent.statusChangedAt = new Date().toISOString();
  agent.currentCallId = callId;
  io.to('crm').emit('agent_status_update', {
    agentId: agent.id, agentName: agent.fullName, status, previousStatus,
  });
}

function startCall(body) {
  const callId = body.callId || `CALL_REF_${++generatedIds}`;
  const existing = calls.get(callId);
  if (existing) return { status: 200, data: { callId, status: existing.status } };
  const assigned = longestIdle();
  const call = {
    callId, callerNumber: body.callerNumber, calledNumber: body.calledNumber || '1900',
    startedAt: Date.now(), status: 'ringing', agentId: null, customerInfo: SAMPLE_CUSTOMER,
  };
  calls.set(callId, call);
  io.to('crm').emit('incoming_call_to_crm', {
    callId, callerNumber: call.callerNumber, calledNumber: call.calledNumber, assignedAgent: agentInfo(assigned),
    customerInfo: SAMPLE_CUSTOMER, startTime: crmTime(new Date(call.startedAt)), status: 'ringing',
    source: body.source || 'softphone',
  });
  return { status: 202, data: { callId, status: 'ringing' } };
}

function answerCall(callId, agentId) {
  const call = calls.get(callId);
  if (!call) return { code: 'call_not_found', message: `call '${callId}' is not known` };
  if (call.status !== 'ringing') return { code: 'call_not_ringing', message: `call '${callId}' is ${call.status}` };
  const agent = agents.get(agentId);
  if (!agent) return { code: 'agent_not_found', message: `agent ${agentId} is not known` };
  if (agent.status !== 'available') return { code: 'agent_not_available', message: `agent ${agentId} is ${agent.status}` };
  call.status = 'connected';
  call.agentId = agentId;
  io.to('crm').emit('call_answered', {
    call: { callId, status: 'connected', agentInfo: agentInfo(agent), customerInfo: call.customerInfo },
    message: 'Cuộc gọi đã được kết nối',
  });
  setAgentStatus(agent, 'busy', callId);
  return null;
}

function endCall(callId, endReason) {
  const call = calls.get(callId);
  if (!call) return { code: 'call_not_found', message: `call '${callId}' is not known` };
  if (call.status === 'ended') return { code: 'call_already_ended', message: `call '${callId}' has ended` };
  const wasConnected = call.status === 'connected';
  call.status = 'ended';
  io.to('crm').emit('call_ended', {
    callId, endReason, duration: Math.floor((Date.now() - call.startedAt) / 1000), message: 'Cuộc gọi đã kết thúc',
  });
  if (wasConnected) setAgentStatus(agents.get(call.agentId), 'available', null);
  calls.delete(callId); // the reference keeps no history
  return null;
}

io.on('connection', (socket) => {
  socket.on('join_call_center', (data) => {
    socket.join('crm');
    socket.emit('joined_call_center', {
      message: 'Joined call center as CRM system', userType: (data && data.userType) || 'crm_system',
    });
    for (const call of calls.values()) { // resync: every call ringing now
      if (call.status === 'ringing') {
        socket.emit('incoming_call_to_crm', {
          callId: call.callId, callerNumber: call.callerNumber, calledNumber: call.calledNumber, assignedAgent: null,
          customerInfo: call.customerInfo, startTime: crmTime(new Date(call.startedAt)), status: 'ringing',
          source: 'softphone',
        });
      }
    }
  });
  const command = (event, run) => (data, ack) => {
    const problem = data && typeof data.callId === 'string' ? run(data) : { code: 'invalid_payload', message: "field 'callId' must be a string" };
    if (problem) socket.emit('error', { ...problem, event, callId: data && data.callId });
    if (typeof ack === 'function') ack(problem ? { success: false, error: problem } : { success: true });
  };
  socket.on('answer_call', command('answer_call', (d) => answerCall(d.callId, Number(d.agentId))));
  socket.on('end_call', command('end_call', (d) => endCall(d.callId, d.endReason || 'crm_reject')));
});

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json), 'Access-Control-Allow-Origin': '*',
  });
  res.end(json);
}

function handleHttp(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET') {
    if (path === '/api/agents/status') return send(res, 200, { success: true, data: [...agents.values()] });
    if (path === '/api/agents/available') {
      const list = [...agents.values()].filter((a) => a.status === 'available')
        .sort((a, b) => (a.statusChangedAt < b.statusChangedAt ? -1 : 1));
      return send(res, 200, { success: true, data: list });
    }
    if (path === '/api/call-center/status') {
      const count = (s) => [...calls.values()].filter((c) => c.status === s).length;
      const byStatus = (s) => [...agents.values()].filter((a) => a.status === s).length;
      return send(res, 200, {
        success: true,
        data: {
          connectedClients: io.engine.clientsCount, joinedClients: io.sockets.adapter.rooms.get('crm')?.size || 0,
          activeCalls: { ringing: count('ringing'), connected: count('connected') },
          agents: { available: byStatus('available'), busy: byStatus('busy'), away: 0, offline: 0 },
          instanceId: `reference-${process.pid}`,
        },
      });
    }
    if (path === '/bench/stats') {
      const m = process.memoryUsage();
      return send(res, 200, { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external,
        arrayBuffers: m.arrayBuffers, clients: io.engine.clientsCount });
    }
    return send(res, 404, { success: false, error: { code: 'not_found', message: `no route ${path}` } });
  }
  if (req.method !== 'POST') return send(res, 405, { success: false, error: { code: 'method_not_allowed', message: req.method } });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch (e) {
      return send(res, 400, { success: false, error: { code: 'malformed_json', message: e.message } });
    }
    if (path === '/api/v1/calls') {
      if (typeof body.callerNumber !== 'string' || !body.callerNumber) {
        return send(res, 400, { success: false, error: { code: 'validation_failed', message: "field 'callerNumber' is required" } });
      }
      const r = startCall(body);
      return send(res, r.status, { success: true, data: r.data });
    }
    const end = /^\/api\/v1\/calls\/([^/]+)\/end$/.exec(path);
    if (end) {
      const callId = decodeURIComponent(end[1]);
      const problem = endCall(callId, body.endReason || 'customer_hangup');
      if (problem) return send(res, problem.code === 'call_not_found' ? 404 : 409, { success: false, error: problem });
      return send(res, 202, { success: true, data: { callId, status: 'ending' } });
    }
    return send(res, 404, { success: false, error: { code: 'not_found', message: `no route ${path}` } });
  });
}

server.listen(PORT, () => ingest.listen(INGEST_PORT, () => console.log(
  `reference Socket.IO server on :${PORT}, VoiceBot API on :${INGEST_PORT} (pid ${process.pid}, ${AGENT_COUNT} agents)`)));
const stop = () => { io.close(); ingest.close(); server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 2000).unref(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
