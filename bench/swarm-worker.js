'use strict';
/*
 * One process of the client swarm (forked by bench.js; several run side by side). It opens `count` CRM clients
 * against one server, joins each to the call centre, and records the wall-clock receive time (epoch microseconds,
 * performance.timeOrigin + performance.now()) of every call/agent event. The parent drives it over IPC.
 *
 * Client kinds:
 *   sio  socket.io-client 4.0.0 (what CRMs use), websocket transport, one connection per client (forceNew)
 *   raw  a minimal Engine.IO 4 / Socket.IO 5 client on `ws`: handshake, namespace connect, join, pong; events are
 *        recognised by their name prefix without parsing the JSON (a cheaper load generator). `slow` raw clients
 *        can pause their TCP socket: they stop reading, like a stalled browser tab.
 * Answerers: the first `answerers` clients of worker 0 are always sio clients and answer every incoming call with an
 * agent they know to be available (from GET /api/agents/status and agent_status_update), round robin across them so
 * the gateway's per-socket command rate limit is never hit.
 */
const { io } = require('socket.io-client');
const WebSocket = require('ws');
const { performance } = require('perf_hooks');

const EVENTS = ['incoming_call_to_crm', 'call_answered', 'call_ended', 'agent_status_update'];
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const cfg = JSON.parse(process.argv[2]);
// cfg: {url, count, kind, answerers, slow, agentsUrl, concurrency, workerIndex}

class Recorder {
  constructor() { this.reset(); }
  reset() {
    this.counts = Object.fromEntries(EVENTS.map((e) => [e, 0]));
    this.slowCounts = Object.fromEntries(EVENTS.map((e) => [e, 0]));
    this.inIds = [];
    this.inTimes = [];
    this.perSecond = new Map();
    this.first = 0;
    this.last = 0;
  }
  record(name, callId, slow) {
    const t = nowMicros();
    if (slow) { this.slowCounts[name] = (this.slowCounts[name] || 0) + 1; return; }
    this.counts[name] = (this.counts[name] || 0) + 1;
    if (name === 'incoming_call_to_crm' && callId) { this.inIds.push(callId); this.inTimes.push(t); }
    const s = Math.floor(t / 1e6);
    this.perSecond.set(s, (this.perSecond.get(s) || 0) + 1);
    if (!this.first) this.first = t;
    this.last = t;
  }
}
const rec = new Recorder();
const clients = [];
const disconnects = { count: 0, reasons: {} };
const noteDisconnect = (reason) => {
  disconnects.count++;
  disconnects.reasons[reason] = (disconnects.reasons[reason] || 0) + 1;
};
const joinPayload = (i) => ({
  userType: 'crm_system', userId: `bench_${cfg.workerIndex}_${i}`,
  clientInfo: { platform: 'web', version: '1.0.0', timestamp: new Date().toISOString() },
});

function sioClient(i) {
  return new Promise((resolve) => {
    // cfg.reconnect (latency --restart-cmd): a client of a restarted server reconnects and, on its connect, re-joins
    const socket = io(cfg.url, { transports: ['websocket'], forceNew: true, reconnection: !!cfg.reconnect, timeout: 60000 });
    const c = { kind: 'sio', socket, joined: false, closed: false };
    let done = false;
    const finish = (ok) => { if (!done) { done = true; resolve(ok ? c : null); } };
    socket.on('connect', () => socket.emit('join_call_center', joinPayload(i)));
    socket.on('joined_call_center', () => { c.joined = true; finish(true); });
    socket.on('connect_error', (e) => { noteDisconnect(`connect_error: ${e.message}`); finish(false); });
    socket.on('disconnect', (reason) => {
      noteDisconnect(reason);
      // reconnecting: not joined until its next joined_call_center; closed only when it will not come back
      if (cfg.reconnect && socket.active) c.joined = false; else c.closed = true;
      finish(false);
    });
    socket.on('incoming_call_to_crm', (d) => rec.record('incoming_call_to_crm', d && d.callId, false));
    socket.on('call_answered', () => rec.record('call_answered', null, false));
    socket.on('call_ended', () => rec.record('call_ended', null, false));
    socket.on('agent_status_update', () => rec.record('agent_status_update', null, false));
    clients.push(c);
  });
}

const CALL_ID = Buffer.from('"callId":"');
function rawClient(i, slow) {
  return new Promise((resolve) => {
    const u = new URL(cfg.url);
    const ws = new WebSocket(`ws://${u.host}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    const c = { kind: 'raw', ws, slow, joined: false, closed: false };
    let done = false;
    const finish = (ok) => { if (!done) { done = true; resolve(ok ? c : null); } };
    ws.on('message', (data) => {
      const b0 = data[0];
      if (b0 === 0x32 && data.length === 1) { ws.send('3'); return; } // ping -> pong
      if (b0 === 0x30) { ws.send('40'); return; } // engine open -> namespace connect
      if (b0 !== 0x34) return;
      const b1 = data[1];
      if (b1 === 0x30) { ws.send(`42${JSON.stringify(['join_call_center', joinPayload(i)])}`); return; }
      if (b1 !== 0x32) return;
      const end = data.indexOf(0x22, 4);
      const name = data.toString('latin1', 4, end);
      if (name === 'joined_call_center') { c.joined = true; finish(true); return; }
      let callId = null;
      if (name === 'incoming_call_to_crm' && !slow) {
        const at = data.indexOf(CALL_ID, end);
        if (at >= 0) {
          const from = at + CALL_ID.length;
          callId = data.toString('latin1', from, data.indexOf(0x22, from));
        }
      }
      rec.record(name, callId, slow);
    });
    ws.on('error', (e) => { noteDisconnect(`error: ${e.message}`); finish(false); });
    ws.on('close', (code) => { c.closed = true; noteDisconnect(`close ${code}`); finish(false); });
    clients.push(c);
  });
}

class Answerer {
  constructor(sockets) {
    this.sockets = sockets;
    this.next = 0;
    this.available = new Set(); // insertion order = longest idle first
    this.reserved = new Map(); // agentId -> callId, until its busy status arrives
    this.stats = { answered: 0, noAgent: 0, ackFailed: 0, errors: {} };
    const first = sockets[0];
    first.on('incoming_call_to_crm', (d) => this.answer(d));
    first.on('agent_status_update', (u) => this.onStatus(u));
    for (const s of sockets) s.on('error', (e) => this.onError(e));
  }
  async load(agentsUrl) {
    const res = await fetch(agentsUrl);
    const body = await res.json();
    for (const a of body.data) if (a.status === 'available') this.available.add(a.id);
    return this.available.size;
  }
  onStatus(u) {
    this.reserved.delete(u.agentId);
    this.available.delete(u.agentId);
    if (u.status === 'available') this.available.add(u.agentId);
  }
  onError(e) {
    const code = (e && e.code) || 'unknown';
    this.stats.errors[code] = (this.stats.errors[code] || 0) + 1;
    for (const [agentId, callId] of this.reserved) {
      if (e && callId === e.callId) { this.reserved.delete(agentId); this.available.add(agentId); }
    }
  }
  answer(call) {
    let agentId = call.assignedAgent && this.available.has(call.assignedAgent.id) ? call.assignedAgent.id : null;
    if (agentId == null) {
      const first = this.available.values().next();
      if (first.done) { this.stats.noAgent++; return; }
      agentId = first.value;
    }
    this.available.delete(agentId);
    this.reserved.set(agentId, call.callId);
    const socket = this.sockets[this.next++ % this.sockets.length];
    socket.emit('answer_call', { callId: call.callId, agentId, source: 'crm_system' }, (ack) => {
      if (!ack || ack.success !== true) this.stats.ackFailed++;
    });
    this.stats.answered++;
  }
}
let answerer = null;

async function connectAll() {
  const started = Date.now();
  let joined = 0;
  let failed = 0;
  const total = cfg.count;
  let index = 0;
  const one = async () => {
    while (index < total) {
      const i = index++;
      const isAnswerer = i < (cfg.answerers || 0);
      const slow = !isAnswerer && i >= total - (cfg.slow || 0);
      const kind = isAnswerer ? 'sio' : slow ? 'raw' : cfg.kind;
      const c = kind === 'sio' ? await sioClient(i) : await rawClient(i, slow);
      if (c) joined++; else failed++;
      if ((joined + failed) % 500 === 0) process.send({ type: 'progress', joined, failed });
    }
  };
  await Promise.all(Array.from({ length: cfg.concurrency || 50 }, one));
  if (cfg.answerers) {
    const sockets = clients.filter((c) => c.kind === 'sio' && c.joined).slice(0, cfg.answerers).map((c) => c.socket);
    answerer = new Answerer(sockets);
    await answerer.load(cfg.agentsUrl);
  }
  return { joined, failed, ms: Date.now() - started, availableAgents: answerer ? answerer.available.size : null };
}

function collect(post) {
  const latencies = [];
  const perCall = new Map(); // callId -> [min ms, max ms, count]: min is the pipeline delay, max - min the fan-out spread
  let unmatched = 0;
  for (let k = 0; k < rec.inIds.length; k++) {
    const p = post[rec.inIds[k]];
    if (p === undefined) { unmatched++; continue; }
    const ms = (rec.inTimes[k] - p) / 1000;
    latencies.push(ms);
    const c = perCall.get(rec.inIds[k]);
    if (!c) perCall.set(rec.inIds[k], [ms, ms, 1]);
    else { if (ms < c[0]) c[0] = ms; if (ms > c[1]) c[1] = ms; c[2]++; }
  }
  return {
    counts: rec.counts, slowCounts: rec.slowCounts, latencies: Float64Array.from(latencies), unmatched, perCall: [...perCall.entries()],
    perSecond: [...rec.perSecond.entries()], first: rec.first, last: rec.last,
    joinedNow: clients.filter((c) => c.joined && !c.closed).length,
    disconnects, answerer: answerer ? answerer.stats : null,
    slowClosed: clients.filter((c) => c.slow && c.closed).length,
  };
}

process.on('message', async (m) => {
  try {
    if (m.cmd === 'connect') process.send({ type: 'connected', ...(await connectAll()) });
    else if (m.cmd === 'reset') { rec.reset(); process.send({ type: 'reset' }); }
    else if (m.cmd === 'pause' || m.cmd === 'resume') {
      let n = 0;
      for (const c of clients) if (c.slow && c.ws._socket) { m.cmd === 'pause' ? c.ws._socket.pause() : c.ws._socket.resume(); n++; }
      process.send({ type: m.cmd, n });
    } else if (m.cmd === 'counts') {
      process.send({ type: 'counts', counts: rec.counts, joinedNow: clients.filter((c) => c.joined && !c.closed).length, slowClosed: clients.filter((c) => c.slow && c.closed).length });
    } else if (m.cmd === 'collect') process.send({ type: 'collected', ...collect(m.post) });
    else if (m.cmd === 'close') {
      for (const c of clients) { try { c.kind === 'sio' ? c.socket.close() : c.ws.terminate(); } catch (e) { /* closing anyway */ } }
      setTimeout(() => process.exit(0), 200);
    }
  } catch (e) {
    process.send({ type: 'error', message: e.stack || String(e) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
