#!/usr/bin/env node
'use strict';
/*
 * Benchmark driver (issue 8). One command per scenario; each prints a table and writes JSON to results/.
 *
 *   node bench.js latency        [--target ours|ref|both] [--clients 1000] [--rate 10] [--duration 60]
 *   node bench.js fanout         [--target ours|ref|both] [--clients 1000] [--rates 10,20,40,80] [--step-duration 20]
 *   node bench.js connections    [--target ours|ref|both] [--max-clients 10000] [--step 2500]
 *   node bench.js slow-consumers [--target ours|ref|both] [--clients 1000] [--slow 10] [--rate 20] [--duration 90]
 *   node bench.js compare        latency and fanout against both targets in one run, with our/peer ratios
 *
 * Targets: "ours" is the running system (./callcenter up --detach): Socket.IO on :8000, call-ingest on :8081,
 * agent-directory on :8082, the gateway's actuator on :8090, its pid from .callcenter/pids. "ref" is
 * reference-server.js, started and stopped here on :8100. Load: the VoiceBot simulator (Java, --post-log) posts calls;
 * the swarm (swarm-worker.js processes) receives. Latency = client receive wall clock - POST wall clock (same machine).
 */
const { fork, spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
// Where the running system's jars and state live: the checkout, or a copy (CALLCENTER_ROOT) so that builds in the
// checkout cannot replace a jar under a running service (a rebuilt fat jar breaks class loading of the running JVM).
const SYSTEM = process.env.CALLCENTER_ROOT ? path.resolve(process.env.CALLCENTER_ROOT) : ROOT;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const EVENTS = ['incoming_call_to_crm', 'call_answered', 'call_ended', 'agent_status_update'];

// ---------- options ----------
const argv = process.argv.slice(2);
const scenario = argv[0];
const opts = {};
for (let i = 1; i < argv.length; i++) {
  if (!argv[i].startsWith('--')) die(`unexpected argument '${argv[i]}'`);
  const key = argv[i].slice(2);
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) die(`option --${key} needs a value`);
  opts[key] = value;
  i++;
}
// a number option; `zero` for those where 0 means "none" (--warmup-pass 0: measure a cold system)
const num = (k, d, { zero = false } = {}) => {
  if (opts[k] === undefined) return d;
  const n = Number(opts[k]);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zero)) die(`--${k} must be a ${zero ? 'non-negative' : 'positive'} number, got '${opts[k]}'`);
  return n;
};
const str = (k, d) => (opts[k] === undefined ? d : opts[k]);
function die(msg) { console.error(`bench: ${msg}`); process.exit(2); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

// ---------- machine ----------
function machine() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/);
  let commit = null;
  try { commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim(); } catch (e) { /* no git */ }
  return {
    nproc: Number(execFileSync('nproc').toString().trim()), cpuModel: cpu ? cpu[1] : 'unknown',
    memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, kernel: os.release(), commit,
    date: new Date().toISOString(), loadavgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

// ---------- process stats ----------
function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number((status.match(/VmRSS:\s+(\d+)/) || [0, 0])[1]) * 1024;
    const threads = Number((status.match(/Threads:\s+(\d+)/) || [0, 0])[1]);
    return { ticks, rss, threads };
  } catch (e) { return null; }
}
// A process or a group of them (PostgreSQL's postmaster and its backends): CPU ticks and RSS summed.
function groupStat(pids) {
  if (!Array.isArray(pids)) return procStat(pids);
  const stats = pids.map(procStat).filter(Boolean);
  if (!stats.length) return null;
  return stats.reduce((a, b) => ({ ticks: a.ticks + b.ticks, rss: a.rss + b.rss, threads: a.threads + b.threads }));
}
class Sampler {
  constructor(pids) { this.pids = pids; this.series = []; }
  start() {
    this.t0 = Date.now();
    this.first = Object.fromEntries(Object.entries(this.pids).map(([k, p]) => [k, groupStat(p)]));
    this.timer = setInterval(() => {
      const s = { t: (Date.now() - this.t0) / 1000, load1: os.loadavg()[0] };
      for (const [k, p] of Object.entries(this.pids)) { const st = groupStat(p); s[k] = st && { rss: st.rss, ticks: st.ticks }; }
      this.series.push(s);
    }, 1000);
    return this;
  }
  stop() {
    clearInterval(this.timer);
    const secs = (Date.now() - this.t0) / 1000;
    const out = { seconds: +secs.toFixed(1), load1: +os.loadavg()[0].toFixed(2) };
    for (const [k, p] of Object.entries(this.pids)) {
      const end = groupStat(p);
      const start = this.first[k];
      const rssSeries = this.series.map((s) => s[k] && s[k].rss).filter(Boolean);
      out[k] = end && start ? {
        cpuPercent: +((end.ticks - start.ticks) / CLK_TCK / secs * 100).toFixed(1),
        rssStartMiB: mib(start.rss), rssEndMiB: mib(end.rss), rssMaxMiB: mib(Math.max(end.rss, ...rssSeries)),
      } : null;
    }
    return out;
  }
  rssSeries(k) { return this.series.map((s) => [+s.t.toFixed(0), s[k] ? mib(s[k].rss) : null]); }
}
const mib = (b) => +(b / 2 ** 20).toFixed(1);

// ---------- scheduling ----------
// The kernel groups processes by session (sched_autogroup) and shares the CPU fairly between sessions. Each service
// of the system under test runs in its own session (./callcenter uses setsid), so every process started here (the
// reference server, each swarm process, the simulator) gets its own session too (detached), or the reference server
// would share one session's CPU share with the swarm and the simulator. With BENCH_NICE set, each session's
// autogroup nice is set as well (renice-system.sh does the same for the system under test).
// Detached children do not get the terminal's signals: kill them when this process ends, however it ends.
const children = new Set();
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
process.on('exit', () => { for (const c of children) { try { c.kill('SIGKILL'); } catch (e) { /* already gone */ } } });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));

function ownSession(pid) {
  const nice = process.env.BENCH_NICE;
  if (!nice) return;
  try { fs.writeFileSync(`/proc/${pid}/autogroup`, String(nice)); } catch (e) { log(`cannot set autogroup nice of ${pid}: ${e.message}`); }
}

// ---------- targets ----------
async function getJson(url, init) {
  const res = await fetch(url, init);
  const text = await res.text();
  try { return { status: res.status, body: JSON.parse(text) }; } catch (e) { return { status: res.status, body: text }; }
}
const pidDir = () => path.join(process.env.CALLCENTER_STATE_DIR || path.join(SYSTEM, '.callcenter'), 'pids');
// Every process now: pid, parent pid, command line (one pass over /proc).
function processes() {
  const out = [];
  for (const d of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(d), ppid, cmd: fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch (e) { /* gone */ }
  }
  return out;
}
// The rest of the system under test (ours), sampled beside the gateway: each service, the Kafka broker that
// ./callcenter's infra process started, and PostgreSQL (pg_ctl leaves the postmaster to init: found by its data
// directory under the state directory, as renice-system.sh does; with its backends).
function systemPids() {
  const out = {};
  if (!fs.existsSync(pidDir())) return out;
  const all = processes();
  const childrenOf = (ppid) => all.filter((p) => p.ppid === ppid);
  const postmaster = all.find((p) => /\/postgres /.test(p.cmd) && p.cmd.includes(`-D ${path.dirname(pidDir())}/`));
  if (postmaster) out.postgres = [postmaster.pid, ...childrenOf(postmaster.pid).map((p) => p.pid)];
  for (const f of fs.readdirSync(pidDir()).filter((n) => n.endsWith('.pid'))) {
    const name = f.slice(0, -4); const pid = Number(fs.readFileSync(path.join(pidDir(), f), 'utf8').trim());
    if (name === 'crm-push-gateway') continue; // sampled as the server
    if (name !== 'infra') { out[name] = pid; continue; }
    const broker = childrenOf(pid).find((p) => p.cmd.includes('kafka'));
    if (broker) out['kafka-broker'] = broker.pid;
  }
  return out;
}
function gatewayPid() {
  const f = path.join(pidDir(), 'crm-push-gateway.pid');
  if (!fs.existsSync(f)) die(`no gateway pid file ${f}: start the system with ./callcenter up --detach`);
  return Number(fs.readFileSync(f, 'utf8').trim());
}
async function gatewayHeap() {
  const mgmt = str('management-url', 'http://localhost:8090');
  try {
    const r = await getJson(`${mgmt}/actuator/metrics/jvm.memory.used?tag=area:heap`);
    if (r.status === 200) return r.body.measurements[0].value;
  } catch (e) { /* fall back to prometheus */ }
  try {
    const text = await (await fetch(`${mgmt}/actuator/prometheus`)).text();
    let sum = 0;
    for (const line of text.split('\n')) if (line.startsWith('jvm_memory_used_bytes{') && line.includes('area="heap"')) sum += Number(line.split(' ').pop());
    return sum || null;
  } catch (e) { return null; }
}
async function gatewayMetrics(filter) {
  try {
    const text = await (await fetch(`${str('management-url', 'http://localhost:8090')}/actuator/prometheus`)).text();
    return text.split('\n').filter((l) => !l.startsWith('#') && filter.test(l));
  } catch (e) { return [`unavailable: ${e.message}`]; }
}

// The gateway's own latency histograms (Micrometer buckets on /actuator/prometheus), to split a client-observed
// latency into the gateway's share and the rest: emit = event occurredAt (call-ingest) -> handed to the event loops,
// flushed = handed over -> flushed to every recipient socket of that loop. Cumulative counts per bucket bound (s).
const SERVER_HISTOGRAMS = { emitDelay: 'callcenter_gateway_emit_delay_seconds_bucket', flushedDelay: 'callcenter_gateway_loop_flushed_delay_seconds_bucket', queueDelay: 'callcenter_gateway_loop_queue_delay_seconds_bucket' };
// Per-hop histograms of a new call (issue 21), from the timing headers its records carry: call-ingest's
// callcenter_ingest_hop (lookups, produce, commit) and the gateway's callcenter_gateway_hop (lookups, command, commit,
// dispatch, total); see BENCHMARKS.md "Per-hop breakdown".
const HOP_HISTOGRAMS = {
  'ingest.lookups': ['ingest', 'callcenter_ingest_hop_seconds_bucket', 'lookups'],
  'ingest.produce': ['ingest', 'callcenter_ingest_hop_seconds_bucket', 'produce'],
  'ingest.commit': ['ingest', 'callcenter_ingest_hop_seconds_bucket', 'commit'],
  'gateway.lookups': ['gateway', 'callcenter_gateway_hop_seconds_bucket', 'lookups'],
  'gateway.command': ['gateway', 'callcenter_gateway_hop_seconds_bucket', 'command'],
  'gateway.commit': ['gateway', 'callcenter_gateway_hop_seconds_bucket', 'commit'],
  'gateway.dispatch': ['gateway', 'callcenter_gateway_hop_seconds_bucket', 'dispatch'],
  'gateway.total': ['gateway', 'callcenter_gateway_hop_seconds_bucket', 'total'],
};
async function metricLines(url, filter) {
  try {
    const text = await (await fetch(`${url}/actuator/prometheus`)).text();
    return text.split('\n').filter((l) => !l.startsWith('#') && filter.test(l));
  } catch (e) { return []; }
}
const buckets = (lines, name, hop) => lines.filter((l) => l.startsWith(`${name}{`) && (!hop || l.includes(`hop="${hop}"`))).map((l) => {
  const le = l.match(/le="([^"]+)"/)[1];
  return [le === '+Inf' ? Infinity : Number(le), Number(l.split(' ').pop())];
}).sort((a, b) => a[0] - b[0]);
async function gatewayHistograms() {
  const lines = await gatewayMetrics(/_seconds_bucket\{/);
  const ingest = await metricLines(str('ingest-management-url', 'http://localhost:8081'), /_seconds_bucket\{/);
  const out = {};
  for (const [key, name] of Object.entries(SERVER_HISTOGRAMS)) out[key] = buckets(lines, name);
  for (const [key, [where, name, hop]] of Object.entries(HOP_HISTOGRAMS)) out[key] = buckets(where === 'ingest' ? ingest : lines, name, hop);
  return out;
}
// Percentiles (upper bucket bounds, ms) of what was recorded between two snapshots.
function histogramDelta(before, after) {
  const result = {};
  for (const key of [...Object.keys(SERVER_HISTOGRAMS), ...Object.keys(HOP_HISTOGRAMS)]) {
    const b = new Map((before[key] || []).map(([le, n]) => [le, n]));
    const bk = (after[key] || []).map(([le, n]) => [le, n - (b.get(le) || 0)]);
    const total = bk.length ? bk[bk.length - 1][1] : 0;
    if (!total) { result[key] = { samples: 0 }; continue; }
    const at = (p) => { const need = Math.ceil(p / 100 * total); const hit = bk.find(([, n]) => n >= need); return hit[0] === Infinity ? 'over the largest bucket' : +(hit[0] * 1000).toFixed(2); };
    result[key] = { samples: total, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
  }
  return result;
}

async function ensureAgents(count) {
  const directory = str('agent-directory-url', 'http://localhost:8082');
  const existing = (await getJson(`${directory}/api/agents/status`)).body.data || [];
  const bench = existing.filter((a) => /^Bench Agent \d+$/.test(a.fullName));
  let created = 0;
  for (let i = bench.length + 1; i <= count; i++) {
    const r = await getJson(`${directory}/api/agents`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 900000 + i, fullName: `Bench Agent ${String(i).padStart(3, '0')}`, extension: String(7000 + i) }),
    });
    if (r.status === 201 || r.status === 200) created++;
    else if (r.status !== 409) throw new Error(`creating agent ${i}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return { benchAgents: Math.max(bench.length, count), created };
}

async function openTarget(which, agents) {
  if (which === 'ours') {
    const url = str('url', 'http://localhost:8000');
    const health = await getJson(`${str('management-url', 'http://localhost:8090')}/actuator/health`).catch((e) => ({ status: 0, body: e.message }));
    if (health.status !== 200) die(`gateway not healthy: ${health.status} ${JSON.stringify(health.body)}`);
    const a = await ensureAgents(agents);
    log(`ours: gateway pid ${gatewayPid()}, ${a.benchAgents} bench agents (${a.created} created now)`);
    return {
      which, label: 'crm-push-gateway', url, ingest: str('ingest-url', 'http://localhost:8081'),
      agentsUrl: `${url}/api/agents/status`, pid: gatewayPid(), heap: gatewayHeap, close: async () => {},
    };
  }
  const port = num('ref-port', 8100);
  const child = spawn(process.execPath, [path.join(__dirname, 'reference-server.js'), '--port', String(port), '--ingest-port', String(port + 1), '--agents', String(agents)],
    { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  track(child);
  ownSession(child.pid);
  await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => { log(d.toString().trim()); resolve(); });
    child.once('exit', (c) => reject(new Error(`reference server exited with ${c}`)));
  });
  const url = `http://localhost:${port}`;
  return {
    which, label: 'reference (Node socket.io 4.8.1)', url, ingest: `http://localhost:${port + 1}`, agentsUrl: `${url}/api/agents/status`, pid: child.pid,
    heap: async () => (await getJson(`${url}/bench/stats`)).body.heapUsed,
    close: async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); },
  };
}

// ---------- swarm ----------
class Swarm {
  constructor() { this.workers = []; }
  async add(target, count, { kind = 'sio', answerers = 0, slow = 0, perWorker = 1000, reconnect = false } = {}) {
    const parts = [];
    for (let left = count; left > 0; left -= perWorker) parts.push(Math.min(perWorker, left));
    const fresh = [];
    for (let k = 0; k < parts.length; k++) {
      const first = this.workers.length === 0 && k === 0;
      const last = k === parts.length - 1;
      const cfg = {
        url: target.url, count: parts[k], kind, answerers: first ? answerers : 0, slow: last ? slow : 0,
        agentsUrl: target.agentsUrl, concurrency: num('connect-concurrency', 50), workerIndex: this.workers.length + k, reconnect,
      };
      const w = track(fork(path.join(__dirname, 'swarm-worker.js'), [JSON.stringify(cfg)], { serialization: 'advanced', detached: true }));
      ownSession(w.pid);
      w.waiters = [];
      w.on('message', (m) => {
        if (m.type === 'progress') return;
        if (m.type === 'error') { console.error(`worker error: ${m.message}`); }
        const waiter = w.waiters.shift();
        if (waiter) waiter(m);
      });
      fresh.push(w);
    }
    this.workers.push(...fresh);
    const ask = (w, msg) => new Promise((r) => { w.waiters.push(r); if (msg) w.send(msg); });
    await Promise.all(fresh.map((w) => ask(w))); // ready
    const results = await Promise.all(fresh.map((w) => ask(w, { cmd: 'connect' })));
    return results.reduce((a, r) => ({ joined: a.joined + r.joined, failed: a.failed + r.failed, ms: Math.max(a.ms, r.ms),
      availableAgents: r.availableAgents ?? a.availableAgents }), { joined: 0, failed: 0, ms: 0, availableAgents: null });
  }
  ask(msg) {
    return Promise.all(this.workers.map((w) => new Promise((r) => { w.waiters.push(r); w.send(msg); })));
  }
  pids() { return Object.fromEntries(this.workers.map((w, i) => [`swarm${i}`, w.pid])); }
  async totalCounts() {
    const all = await this.ask({ cmd: 'counts' });
    const sum = {};
    for (const r of all) for (const [k, v] of Object.entries(r.counts)) sum[k] = (sum[k] || 0) + v;
    return { sum, joinedNow: all.reduce((a, r) => a + r.joinedNow, 0), slowClosed: all.reduce((a, r) => a + r.slowClosed, 0) };
  }
  async collect(post) {
    const all = await this.ask({ cmd: 'collect', post });
    const counts = {}; const slowCounts = {}; const perSecond = new Map();
    let lat = []; let unmatched = 0; let first = Infinity; let last = 0; let disconnects = 0; const reasons = {};
    let answerer = null; let joinedNow = 0; let slowClosed = 0;
    const perCall = new Map();
    for (const r of all) {
      for (const [id, [mn, mx, n]] of r.perCall) {
        const c = perCall.get(id);
        if (!c) perCall.set(id, [mn, mx, n]); else { c[0] = Math.min(c[0], mn); c[1] = Math.max(c[1], mx); c[2] += n; }
      }
      for (const [k, v] of Object.entries(r.counts)) counts[k] = (counts[k] || 0) + v;
      for (const [k, v] of Object.entries(r.slowCounts)) slowCounts[k] = (slowCounts[k] || 0) + v;
      for (const [s, c] of r.perSecond) perSecond.set(s, (perSecond.get(s) || 0) + c);
      lat.push(r.latencies);
      unmatched += r.unmatched;
      if (r.first) first = Math.min(first, r.first);
      last = Math.max(last, r.last);
      disconnects += r.disconnects.count;
      for (const [k, v] of Object.entries(r.disconnects.reasons)) reasons[k] = (reasons[k] || 0) + v;
      if (r.answerer) answerer = r.answerer;
      joinedNow += r.joinedNow;
      slowClosed += r.slowClosed;
    }
    const merged = new Float64Array(lat.reduce((a, l) => a + l.length, 0));
    let o = 0;
    for (const l of lat) { merged.set(l, o); o += l.length; }
    merged.sort();
    return { counts, slowCounts, latencies: merged, unmatched, perCall, perSecond, first, last, disconnects, reasons, answerer, joinedNow, slowClosed };
  }
  async close() {
    await Promise.all(this.workers.map((w) => new Promise((r) => { w.once('exit', r); w.send({ cmd: 'close' }); setTimeout(() => { w.kill('SIGKILL'); r(); }, 5000); })));
    this.workers = [];
  }
}

// ---------- load generator ----------
function simulatorCommand() {
  const version = '0.1.0-SNAPSHOT';
  const dir = path.join(SYSTEM, 'voicebot-simulator', 'target');
  const cpFile = path.join(dir, 'classpath.txt');
  if (!fs.existsSync(cpFile)) die(`simulator not built (${cpFile}); run mvn -B -q -DskipTests install`);
  // the simulator itself, as ./callcenter simulate runs it; --post-log records each POST (calls of the first
  // --warmup-seconds, a cold client JVM's included, are left out of the percentiles)
  return ['java', '-XX:TieredStopAtLevel=1', '-cp', `${path.join(dir, `voicebot-simulator-${version}.jar`)}:${fs.readFileSync(cpFile, 'utf8').trim()}`,
    'io.callcenter.simulator.VoiceBotSimulator'];
}
// --source kafka (fanout, ours only): EventPublisher (bench-tools) puts IncomingCall + CallEnded straight on
// call-events, so the gateway's fan-out is measured without the ingest pipeline in front of it; the reference keeps
// the simulator
function eventPublisherCommand() {
  const cpFile = path.join(SYSTEM, 'bench-tools', 'target', 'classpath.txt');
  const jar = path.join(SYSTEM, 'bench-tools', 'target', 'bench-tools-0.1.0-SNAPSHOT.jar');
  if (!fs.existsSync(cpFile) || !fs.existsSync(jar)) die(`bench-tools not built (${jar}); run mvn -B -q -DskipTests install`);
  return ['java', '-XX:TieredStopAtLevel=1', '-cp', `${jar}:${fs.readFileSync(cpFile, 'utf8').trim()}`, 'io.callcenter.bench.EventPublisher'];
}
function sourceOpt() {
  const s = str('source', 'voicebot');
  if (!['voicebot', 'kafka'].includes(s)) die(`--source must be voicebot or kafka, got '${s}'`);
  return s;
}
async function simulate(target, { calls, rate, hangupAfter }) {
  const postLog = path.join(os.tmpdir(), `bench-post-${process.pid}-${Date.now()}.csv`);
  const fromKafka = target.which === 'ours' && sourceOpt() === 'kafka';
  const [cmd, ...args] = fromKafka ? eventPublisherCommand() : simulatorCommand();
  args.push(...(fromKafka ? [postLog] : ['--post-log', postLog]), '--calls', String(calls), '--rate', String(rate),
    '--hangup-after', String(hangupAfter));
  args.push(...(fromKafka ? ['--bootstrap', str('bootstrap', 'localhost:9092')] : ['--ingest-url', target.ingest]));
  const started = Date.now();
  const child = track(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
  ownSession(child.pid);
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const code = await new Promise((r) => child.once('exit', r));
  const lines = fs.existsSync(postLog) ? fs.readFileSync(postLog, 'utf8').trim().split('\n').filter(Boolean) : [];
  // BENCH_KEEP_POST_LOG=1 keeps it for bench-tools' TopicTimes (POST -> StartCall appended)
  if (process.env.BENCH_KEEP_POST_LOG) log(`post log kept: ${postLog}`); else fs.rmSync(postLog, { force: true });
  const posts = lines.map((l) => { const [id, t] = l.split(','); return [id, Number(t)]; });
  const summary = (out.match(/done: .*/) || ['(no summary)'])[0];
  if (code !== 0) log(`simulator exited ${code}: ${summary}\n${out.split('\n').filter((l) => /^\s+SIM_/.test(l)).slice(0, 5).join('\n')}`);
  return { posts, summary, exitCode: code, ms: Date.now() - started };
}

async function drain(swarm, expectedIncoming, maxMs = 20000) {
  const deadline = Date.now() + maxMs;
  let previous = -1; let stableSince = Date.now();
  for (;;) {
    const { sum } = await swarm.totalCounts();
    const total = Object.values(sum).reduce((a, b) => a + b, 0);
    if (total !== previous) { previous = total; stableSince = Date.now(); }
    if ((sum.incoming_call_to_crm >= expectedIncoming && Date.now() - stableSince > 1500) || Date.now() - stableSince > 5000 || Date.now() > deadline) return;
    await sleep(250);
  }
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] : null);
function latencyStats(sorted) {
  if (!sorted.length) return { samples: 0 };
  const r = (x) => +x.toFixed(2);
  let sum = 0; for (const x of sorted) sum += x;
  return { samples: sorted.length, p50: r(pct(sorted, 50)), p95: r(pct(sorted, 95)), p99: r(pct(sorted, 99)), max: r(sorted[sorted.length - 1]), mean: r(sum / sorted.length) };
}

// Per 10 s of POST time: how many calls, the first client's p50 and the last client's p50 / p99 per call. Shows
// whether a slow run is slow throughout or only at its start (a just-restarted service's JIT, clients re-joining).
function byWindow(calls, post, firstPost, seconds = 10) {
  const windows = new Map();
  for (const c of calls) {
    const w = Math.floor((post[c.id] - firstPost) / 1e6 / seconds);
    if (!windows.has(w)) windows.set(w, []);
    windows.get(w).push(c);
  }
  return [...windows.entries()].sort((a, b) => a[0] - b[0]).map(([w, cs]) => {
    const first = Float64Array.from(cs.map((c) => c.first)).sort();
    const last = Float64Array.from(cs.map((c) => c.first + c.spread)).sort();
    const r = (x) => +x.toFixed(1);
    return { fromSecond: w * seconds, calls: cs.length, firstP50: r(pct(first, 50)), lastP50: r(pct(last, 50)), lastP99: r(pct(last, 99)) };
  });
}

// One measured run of calls against a joined swarm: reset, simulate, drain, collect.
async function measuredCalls(target, swarm, healthyClients, { calls, rate, hangupAfter, warmupCalls }) {
  await swarm.ask({ cmd: 'reset' });
  const pids = { server: target.pid, ...swarm.pids(), ...(target.which === 'ours' ? systemPids() : {}) };
  // each process's idle CPU (clients joined, no calls) first: the run's CPU per event counts only what is beyond it
  const idleSampler = new Sampler(pids).start();
  await sleep(num('idle-seconds', 5) * 1000);
  const idle = idleSampler.stop();
  const sampler = new Sampler(pids).start();
  const histogramsBefore = target.which === 'ours' ? await gatewayHistograms() : null;
  const sim = await simulate(target, { calls, rate, hangupAfter });
  await drain(swarm, healthyClients * sim.posts.length);
  const res = sampler.stop();
  res.idle = idle;
  // every broadcast of the run (all five event kinds, the first calls too), as bucket upper bounds
  const gatewayShareMs = histogramsBefore ? histogramDelta(histogramsBefore, await gatewayHistograms()) : undefined;
  const post = Object.fromEntries(sim.posts.slice(warmupCalls));
  const got = await swarm.collect(post);
  const delivered = Object.values(got.counts).reduce((a, b) => a + b, 0);
  const firstPost = sim.posts.length ? sim.posts[0][1] : got.first;
  const windowS = (got.last - firstPost) / 1e6;
  const peak = Math.max(0, ...got.perSecond.values());
  // per call: the first client's latency (pipeline: POST to the first delivery) and the spread to the last client
  const calls_ = [...got.perCall.entries()].map(([id, [mn, mx]]) => ({ id, first: mn, spread: mx - mn }));
  const sortedFirst = Float64Array.from(calls_.map((c) => c.first)).sort();
  const sortedSpread = Float64Array.from(calls_.map((c) => c.spread)).sort();
  const perCallMs = { firstDelivery: latencyStats(sortedFirst), spreadFirstToLast: latencyStats(sortedSpread),
    worst: [...calls_].sort((a, b) => b.first - a.first).slice(0, 5).map((c) => ({ callId: c.id, firstMs: +c.first.toFixed(1), spreadMs: +c.spread.toFixed(1) })),
    byWindow: byWindow(calls_, post, firstPost) };
  return {
    posted: sim.posts.length, simulator: sim.summary, counts: got.counts, slowCounts: got.slowCounts,
    expectedIncoming: healthyClients * sim.posts.length, lostIncoming: healthyClients * sim.posts.length - got.counts.incoming_call_to_crm,
    latencyMs: latencyStats(got.latencies), perCallMs, latencyExcludesFirstCalls: warmupCalls, unmatched: got.unmatched,
    delivered, windowSeconds: +windowS.toFixed(2), deliveredPerSecond: Math.round(delivered / windowS), peakSecond: peak,
    disconnects: got.disconnects, disconnectReasons: got.reasons, answerer: got.answerer, joinedAfter: got.joinedNow,
    slowClosed: got.slowClosed, gatewayShareMs, resources: res, cpuPerEvent: cpuPerEvent(res, delivered), sampler,
  };
}

/**
 * CPU beyond idle per delivered event (all five kinds, all clients), per process of the system under test and in
 * total (the clients, swarm*, are not the system): microseconds of CPU, from utime+stime over the run minus the
 * process's idle rate over the same time.
 */
function cpuPerEvent(res, delivered) {
  const out = { idleSeconds: res.idle.seconds, perProcessMicros: {}, totalCpuSecondsBeyondIdle: 0 };
  for (const [k, v] of Object.entries(res)) {
    if (!v || v.cpuPercent === undefined || k.startsWith('swarm')) continue;
    const idlePct = res.idle[k] ? res.idle[k].cpuPercent : 0;
    const beyond = Math.max(0, (v.cpuPercent - idlePct) / 100 * res.seconds);
    out.totalCpuSecondsBeyondIdle += beyond;
    out.perProcessMicros[k] = delivered ? +(beyond / delivered * 1e6).toFixed(2) : null;
  }
  out.totalCpuSecondsBeyondIdle = +out.totalCpuSecondsBeyondIdle.toFixed(2);
  out.totalMicros = delivered ? +(out.totalCpuSecondsBeyondIdle / delivered * 1e6).toFixed(2) : null;
  return out;
}

// An unmeasured run of calls before the measured ones (nothing when seconds is 0): JITs compiled, connections made.
async function warmUp(which, target, swarm, joined, { seconds, rate, hangupAfter }) {
  if (seconds <= 0) return;
  const w = await measuredCalls(target, swarm, joined, { calls: Math.round(rate * seconds), rate, hangupAfter, warmupCalls: 0 });
  log(`${which} warm-up ${seconds} s at ${rate}/s: delivered ${w.delivered} (${w.deliveredPerSecond}/s), incoming p99 ${w.latencyMs.p99} ms, not counted`);
  await sleep(2000);
}

// ---------- scenarios ----------
function targetsOf(defaultTarget) {
  const t = str('target', defaultTarget);
  if (!['ours', 'ref', 'both'].includes(t)) die(`--target must be ours, ref or both, got '${t}'`);
  return t === 'both' ? ['ours', 'ref'] : [t];
}
const kindOpt = (d) => { const k = str('client', d); if (!['sio', 'raw'].includes(k)) die(`--client must be sio or raw`); return k; };

async function latency(which) {
  const clients = num('clients', 1000); const rate = num('rate', 10); const duration = num('duration', 60);
  const hangupAfter = num('hangup-after', 2); const agents = num('agents', 60);
  const warmupCalls = Math.round(num('warmup-seconds', 5) * rate);
  const restartCmd = str('restart-cmd', '');
  if (restartCmd && (which !== 'ours' || kindOpt('sio') !== 'sio')) die('--restart-cmd needs --target ours and sio clients');
  const target = await openTarget(which, agents);
  const swarm = new Swarm();
  try {
    const j = await swarm.add(target, clients, { kind: kindOpt('sio'), answerers: Math.max(1, Math.ceil(rate / 15)), perWorker: Math.ceil(clients / num('workers', 2)), reconnect: !!restartCmd });
    log(`${which}: ${j.joined}/${clients} joined in ${j.ms} ms (${j.failed} failed), answerer sees ${j.availableAgents} available agents`);
    // an unmeasured pass first, so that a freshly started system is not measured while its JITs compile (both targets)
    const warmupPass = num('warmup-pass', 20, { zero: true });
    await warmUp(which, target, swarm, j.joined, { seconds: warmupPass, rate, hangupAfter });
    const r = await measuredCalls(target, swarm, j.joined, { calls: Math.round(rate * (duration + warmupCalls / rate)), rate, hangupAfter, warmupCalls });
    delete r.sampler;
    const run = { target: which, server: target.label, clients, joined: j.joined, rate, durationSeconds: duration, warmupPassSeconds: warmupPass, hangupAfter, ...r };
    if (restartCmd) {
      run.afterRestart = await afterRestart(which, target, swarm, j.joined, { cmd: restartCmd, rate, hangupAfter });
      run.afterRestart.p99OverWarm = +(run.afterRestart.latencyMs.p99 / r.latencyMs.p99).toFixed(2);
    }
    return run;
  } finally { await swarm.close(); await target.close(); }
}

/**
 * --restart-cmd: a deploy, as CRMs live it. The clients of the measured run stay open; the command (run from the
 * checkout's root) restarts services (e.g. call-ingest and the gateway); every client reconnects and re-joins on its
 * own (socket.io-client's reconnection, the join on every connect, as the guide's class does); once all have
 * re-joined, `--after-duration` (60) s of calls are measured from the first call on. Its p99 over the warm run's is
 * the "first minute after a deploy" figure, with the same warm clients on both sides.
 */
async function afterRestart(which, target, swarm, joined, { cmd, rate, hangupAfter }) {
  const seconds = num('after-duration', 60);
  const started = Date.now();
  log(`${which}: restarting: ${cmd}`);
  const code = await new Promise((resolve) => track(spawn('bash', ['-c', cmd], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] })).once('exit', resolve));
  if (code !== 0) die(`--restart-cmd exited ${code}`);
  const restartedMs = Date.now() - started;
  target.pid = gatewayPid();
  const deadline = Date.now() + num('rejoin-timeout', 120) * 1000;
  let now = 0;
  while ((now = (await swarm.totalCounts()).joinedNow) < joined && Date.now() < deadline) await sleep(250);
  if (now < joined) log(`${which}: only ${now}/${joined} clients re-joined within --rejoin-timeout`);
  const rejoinedMs = Date.now() - started;
  log(`${which}: restarted in ${restartedMs} ms, ${now}/${joined} re-joined after ${rejoinedMs} ms; measuring the next ${seconds} s`);
  const r = await measuredCalls(target, swarm, now, { calls: Math.round(rate * seconds), rate, hangupAfter, warmupCalls: 0 });
  delete r.sampler;
  return { command: cmd, restartedMs, rejoinedMs, rejoined: now, durationSeconds: seconds, ...r };
}

async function fanout(which) {
  const clients = num('clients', 1000); const stepS = num('step-duration', 20); const hangupAfter = num('hangup-after', 1);
  const rates = str('rates', '10,20,40,80').split(',').map(Number);
  const agents = num('agents', Math.max(60, Math.ceil(Math.max(...rates) * (hangupAfter + 1.5))));
  const target = await openTarget(which, agents);
  const swarm = new Swarm();
  const steps = [];
  try {
    // with --source kafka our calls never reach call-ingest, so answering them would only load it with rejections
    const answerers = which === 'ours' && sourceOpt() === 'kafka' ? 0 : Math.max(1, Math.ceil(Math.max(...rates) / 15));
    const j = await swarm.add(target, clients, { kind: kindOpt('raw'), answerers, perWorker: Math.ceil(clients / num('workers', 2)) });
    log(`${which}: ${j.joined}/${clients} joined in ${j.ms} ms, answerer sees ${j.availableAgents} available agents`);
    // an unmeasured step first: both servers (and the JITs of ours) warmed by the same load before the measured steps
    // (at a rate both handle, so that no backlog is carried into the first measured step)
    const warmupS = num('warmup-seconds', 10); const warmupRate = num('warmup-rate', 5);
    await warmUp(which, target, swarm, j.joined, { seconds: warmupS, rate: warmupRate, hangupAfter });
    for (const rate of rates) {
      const r = await measuredCalls(target, swarm, j.joined, { calls: Math.round(rate * stepS), rate, hangupAfter, warmupCalls: Math.round(rate) });
      delete r.sampler;
      const step = { rate, ...r };
      steps.push(step);
      const answered = r.answerer ? r.answerer.answered : 0;
      log(`${which} rate ${rate}/s: delivered ${r.delivered} (${r.deliveredPerSecond}/s, peak ${r.peakSecond}/s), incoming p99 ${r.latencyMs.p99} ms, lost ${r.lostIncoming}, server CPU ${r.resources.server && r.resources.server.cpuPercent}%, answered ${answered}`);
      // saturated: events lost, or the fan-out itself falls behind (first to last client of a call > 1 s at p99);
      // the POST-to-delivery p99 is reported but not used, as it includes the ingest pipeline
      const spreadP99 = r.perCallMs.spreadFirstToLast.p99 || 0;
      const saturated = r.lostIncoming > 0.01 * r.expectedIncoming || spreadP99 > num('saturation-spread-ms', 1000);
      step.saturated = saturated;
      if (saturated) break;
      await sleep(2000);
    }
    const best = steps.reduce((a, s) => (!a || s.deliveredPerSecond > a.deliveredPerSecond ? s : a), null);
    return { target: which, server: target.label, source: which === 'ours' ? sourceOpt() : 'voicebot', clients, joined: j.joined, client: kindOpt('raw'), stepSeconds: stepS, warmupSeconds: warmupS, warmupRate, hangupAfter,
      maxDeliveredPerSecond: best && best.deliveredPerSecond, atRate: best && best.rate, steps };
  } finally { await swarm.close(); await target.close(); }
}

async function connections(which) {
  const max = num('max-clients', 10000); const step = num('step', 2500);
  const target = await openTarget(which, num('agents', 60));
  const swarm = new Swarm();
  const steps = [];
  try {
    if (which === 'ours' && str('gc', 'yes') === 'yes') { try { execFileSync('jcmd', [String(target.pid), 'GC.run']); } catch (e) { /* no jcmd */ } await sleep(1000); }
    const base = procStat(target.pid);
    steps.push({ clients: 0, joined: 0, heapMiB: mib((await target.heap()) || 0), rssMiB: mib(base.rss), threads: base.threads });
    let joined = 0;
    for (let n = step; n <= max; n += step) {
      const j = await swarm.add(target, step, { kind: kindOpt('sio'), answerers: 0, perWorker: step });
      joined += j.joined;
      await sleep(3000);
      if (which === 'ours' && str('gc', 'yes') === 'yes') { try { execFileSync('jcmd', [String(target.pid), 'GC.run']); } catch (e) { /* no jcmd */ } await sleep(1000); }
      const st = procStat(target.pid);
      const heap = await target.heap();
      const status = await getJson(`${target.url}/api/call-center/status`).catch(() => ({ body: {} }));
      const s = { clients: n, joined, failed: j.failed, connectMs: j.ms, heapMiB: mib(heap || 0), rssMiB: mib(st.rss), threads: st.threads,
        serverJoined: status.body && status.body.data ? status.body.data.joinedClients : null, load1: +os.loadavg()[0].toFixed(2) };
      steps.push(s);
      log(`${which}: ${JSON.stringify(s)}`);
      if (j.failed > step * 0.05) break;
    }
    // broadcast probe: every joined client must receive every call
    const probe = await measuredCalls(target, swarm, joined, { calls: num('probe-calls', 5), rate: 1, hangupAfter: 1, warmupCalls: 0 });
    delete probe.sampler;
    const last = steps[steps.length - 1];
    return { target: which, server: target.label, maxClients: max, heldJoined: last.joined,
      heapPerClientKiB: last.joined ? +((last.heapMiB - steps[0].heapMiB) * 1024 / last.joined).toFixed(2) : null,
      rssPerClientKiB: last.joined ? +((last.rssMiB - steps[0].rssMiB) * 1024 / last.joined).toFixed(2) : null,
      steps, probe: { posted: probe.posted, incoming: probe.counts.incoming_call_to_crm, expected: probe.expectedIncoming, latencyMs: probe.latencyMs, joinedAfter: probe.joinedAfter } };
  } finally { await swarm.close(); await target.close(); }
}

async function slowConsumers(which) {
  const clients = num('clients', 1000); const slow = num('slow', 10); const rate = num('rate', 20);
  const duration = num('duration', 90); const baseline = num('baseline-duration', 30); const hangupAfter = num('hangup-after', 1);
  const target = await openTarget(which, num('agents', Math.max(60, Math.ceil(rate * (hangupAfter + 1.5)))));
  const swarm = new Swarm();
  try {
    const j = await swarm.add(target, clients, { kind: kindOpt('sio'), answerers: Math.max(1, Math.ceil(rate / 15)), slow, perWorker: Math.ceil(clients / num('workers', 2)) });
    const healthy = j.joined - slow;
    log(`${which}: ${j.joined}/${clients} joined (${slow} will stop reading)`);
    const a = await measuredCalls(target, swarm, healthy, { calls: Math.round(rate * baseline), rate, hangupAfter, warmupCalls: Math.round(rate * 3) });
    log(`${which} baseline: incoming p99 ${a.latencyMs.p99} ms, server RSS max ${a.resources.server.rssMaxMiB} MiB`);
    await swarm.ask({ cmd: 'pause' });
    const b = await measuredCalls(target, swarm, healthy, { calls: Math.round(rate * duration), rate, hangupAfter, warmupCalls: 0 });
    const rssSeries = b.sampler.rssSeries('server');
    delete a.sampler; delete b.sampler;
    const metrics = which === 'ours' ? await gatewayMetrics(/slow|dropped|unwritable|connected_clients|joined/i) : null;
    const { slowClosed } = await swarm.totalCounts();
    log(`${which} paused: incoming p99 ${b.latencyMs.p99} ms, server RSS max ${b.resources.server.rssMaxMiB} MiB, slow clients closed ${slowClosed}`);
    await swarm.ask({ cmd: 'resume' });
    return { target: which, server: target.label, clients, slow, healthy, rate, baselineSeconds: baseline, pausedSeconds: duration,
      baseline: a, paused: b, rssSeriesMiB: rssSeries, slowClosedWhilePaused: slowClosed, gatewayMetrics: metrics };
  } finally { await swarm.close(); await target.close(); }
}

// ---------- output ----------
function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells) => cells.map((x, i) => String(x ?? '').padEnd(widths[i])).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(columns.map((c) => r[c])));
}
function save(name, data) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
}
const latencyRow = (r) => ({ target: r.target, clients: r.joined, 'calls/s': r.rate, posted: r.posted,
  'incoming delivered': `${r.counts.incoming_call_to_crm}/${r.expectedIncoming}`, lost: r.lostIncoming,
  p50: r.latencyMs.p50, p95: r.latencyMs.p95, p99: r.latencyMs.p99, max: r.latencyMs.max,
  answered: r.answerer && r.answerer.answered, 'srv CPU%': r.resources.server && r.resources.server.cpuPercent,
  'srv RSS MiB': r.resources.server && r.resources.server.rssMaxMiB,
  'CPU s beyond idle': r.cpuPerEvent && r.cpuPerEvent.totalCpuSecondsBeyondIdle,
  'CPU µs/event': r.cpuPerEvent && r.cpuPerEvent.totalMicros, load1: r.resources.load1 });
const fanoutRow = (r, s) => ({ target: r.target, 'calls/s': s.rate, delivered: s.delivered, 'msgs/s': s.deliveredPerSecond,
  'peak 1s': s.peakSecond, 'lost incoming': s.lostIncoming, 'p99 ms': s.latencyMs.p99, 'spread p99': s.perCallMs.spreadFirstToLast.p99,
  'events/call': s.posted ? +(s.delivered / s.posted / r.joined).toFixed(2) : null, 'srv CPU%': s.resources.server && s.resources.server.cpuPercent,
  'srv RSS MiB': s.resources.server && s.resources.server.rssMaxMiB, 'swarm CPU%': Object.entries(s.resources).filter(([k]) => k.startsWith('swarm')).map(([, v]) => v && v.cpuPercent).join('+'),
  load1: s.resources.load1, saturated: s.saturated });

// Where a run's latency went: per call (first client, spread to the last) and, for ours, the gateway's own share.
function printBreakdown(runs) {
  for (const r of runs) {
    const f = r.perCallMs.firstDelivery; const sp = r.perCallMs.spreadFirstToLast; const g = r.gatewayShareMs;
    const share = g ? `; gateway, all broadcasts: occurredAt -> emit p50 ${g.emitDelay.p50} / p99 ${g.emitDelay.p99} ms, `
      + `hand-over -> flushed p50 ${g.flushedDelay.p50} / p99 ${g.flushedDelay.p99} ms (bucket bounds)` : '';
    console.log(`${r.target}: POST -> first client p50 ${f.p50} / p99 ${f.p99} ms, first -> last client p50 ${sp.p50} / p99 ${sp.p99} ms${share}`);
    if (r.perCallMs.byWindow) console.log(`  per 10 s of POSTs, last client per call p50 / p99 (ms): ${r.perCallMs.byWindow.map((w) => `${w.fromSecond}s ${w.lastP50}/${w.lastP99}`).join(', ')}`);
    if (g) {
      const hops = Object.keys(HOP_HISTOGRAMS).filter((k) => g[k] && g[k].samples).map((k) => `${k} p50 ${g[k].p50} / p99 ${g[k].p99} (${g[k].samples})`);
      if (hops.length) console.log(`  per-hop, new calls (ms, bucket upper bounds; samples): ${hops.join(', ')}; loop queue p50 ${g.queueDelay.p50} / p99 ${g.queueDelay.p99}`);
    }
    const cpu = Object.entries(r.resources).filter(([, v]) => v && v.cpuPercent !== undefined).map(([k, v]) => `${k === 'server' ? r.server : k} ${v.cpuPercent}`);
    console.log(`  CPU, % of one core over the run: ${cpu.join(', ')}`);
    const c = r.cpuPerEvent;
    if (c) console.log(`  CPU beyond idle: ${c.totalCpuSecondsBeyondIdle} s in all, ${c.totalMicros} µs per delivered event (`
      + Object.entries(c.perProcessMicros).map(([k, v]) => `${k === 'server' ? r.server : k} ${v}`).join(', ') + ')');
  }
}

async function main() {
  const meta = { scenario, options: opts, machine: machine(), systemRoot: SYSTEM, nice: process.env.BENCH_NICE || null, command: `bench/run.sh ${argv.join(' ')}` };
  if (scenario === 'latency') {
    const runs = []; for (const t of targetsOf('ours')) runs.push(await latency(t));
    const rows = runs.flatMap((r) => (r.afterRestart ? [r, { ...r.afterRestart, target: `${r.target} after restart`, joined: r.afterRestart.rejoined, rate: r.rate }] : [r]));
    console.log(); table(rows.map(latencyRow), Object.keys(latencyRow(runs[0])));
    printBreakdown(rows);
    for (const r of runs.filter((x) => x.afterRestart)) {
      const a = r.afterRestart;
      console.log(`${r.target}: first ${a.durationSeconds} s after the restart (re-joined ${a.rejoinedMs} ms after it began): p99 ${a.latencyMs.p99} ms = ${a.p99OverWarm} x the warm ${r.latencyMs.p99} ms (target <= 2)`);
    }
    save('latency', { ...meta, runs });
  } else if (scenario === 'fanout') {
    const runs = []; for (const t of targetsOf('ours')) runs.push(await fanout(t));
    console.log(); table(runs.flatMap((r) => r.steps.map((s) => fanoutRow(r, s))), Object.keys(fanoutRow(runs[0], runs[0].steps[0])));
    for (const r of runs) console.log(`${r.target}: max delivered ${r.maxDeliveredPerSecond} msgs/s at ${r.atRate} calls/s`);
    save('fanout', { ...meta, runs });
  } else if (scenario === 'connections') {
    const runs = []; for (const t of targetsOf('ours')) runs.push(await connections(t));
    console.log(); table(runs.flatMap((r) => r.steps.map((s) => ({ target: r.target, ...s }))), ['target', 'clients', 'joined', 'serverJoined', 'failed', 'connectMs', 'heapMiB', 'rssMiB', 'threads', 'load1']);
    for (const r of runs) console.log(`${r.target}: holds ${r.heldJoined} joined; heap/client ${r.heapPerClientKiB} KiB, RSS/client ${r.rssPerClientKiB} KiB; probe delivered ${r.probe.incoming}/${r.probe.expected}, p99 ${r.probe.latencyMs.p99} ms`);
    save('connections', { ...meta, runs });
  } else if (scenario === 'slow-consumers') {
    const runs = []; for (const t of targetsOf('ours')) runs.push(await slowConsumers(t));
    console.log();
    table(runs.flatMap((r) => [['baseline', r.baseline], [`${r.slow} paused`, r.paused]].map(([phase, p]) => ({ target: r.target, phase, healthy: r.healthy,
      'incoming delivered': `${p.counts.incoming_call_to_crm}/${p.expectedIncoming}`, p50: p.latencyMs.p50, p99: p.latencyMs.p99, max: p.latencyMs.max,
      'srv RSS start': p.resources.server.rssStartMiB, 'srv RSS max': p.resources.server.rssMaxMiB, 'srv RSS end': p.resources.server.rssEndMiB,
      'srv CPU%': p.resources.server.cpuPercent, load1: p.resources.load1 }))),
    ['target', 'phase', 'healthy', 'incoming delivered', 'p50', 'p99', 'max', 'srv RSS start', 'srv RSS max', 'srv RSS end', 'srv CPU%', 'load1']);
    for (const r of runs) console.log(`${r.target}: slow clients closed by the server while paused: ${r.slowClosedWhilePaused}/${r.slow}${r.gatewayMetrics ? `\n  ${r.gatewayMetrics.join('\n  ')}` : ''}`);
    save('slow-consumers', { ...meta, runs });
  } else if (scenario === 'compare') {
    const lat = []; for (const t of ['ours', 'ref']) lat.push(await latency(t));
    const fan = []; for (const t of ['ours', 'ref']) fan.push(await fanout(t));
    console.log(); table(lat.map(latencyRow), Object.keys(latencyRow(lat[0])));
    printBreakdown(lat);
    console.log(); table(fan.flatMap((r) => r.steps.map((s) => fanoutRow(r, s))), Object.keys(fanoutRow(fan[0], fan[0].steps[0])));
    const ratios = {
      latencyP99OursOverRef: +(lat[0].latencyMs.p99 / lat[1].latencyMs.p99).toFixed(2),
      fanoutMsgsPerSecondOursOverRef: +(fan[0].maxDeliveredPerSecond / fan[1].maxDeliveredPerSecond).toFixed(2),
    };
    console.log(`\nour/peer: scenario-1 p99 ${lat[0].latencyMs.p99} / ${lat[1].latencyMs.p99} ms = ${ratios.latencyP99OursOverRef} (target <= 1.5); `
      + `scenario-2 msgs/s ${fan[0].maxDeliveredPerSecond} / ${fan[1].maxDeliveredPerSecond} = ${ratios.fanoutMsgsPerSecondOursOverRef} (target >= 1.5)`);
    save('compare', { ...meta, ratios, latency: lat, fanout: fan });
  } else {
    console.error('usage: bench/run.sh latency|fanout|connections|slow-consumers|compare [--option value ...] (see bench/README.md)');
    process.exit(2);
  }
  process.exit(0);
}
main().catch((e) => { console.error(e.stack || e); process.exit(1); });
