/*
 * CRM Call Console: the integration guide's "Complete HTML Example" grown into a console for contact-centre staff.
 * It uses the guide's CRMCallIntegration class unchanged (crm-call-integration.js, loaded before this file) and only
 * passes it callbacks, so everything here is what a CRM team would write on top of the guide. On a gateway with
 * authentication on, open it as /?token=<JWT>: crm-access-token.js (loaded before this file) hands the token to the
 * socket as auth: {token} and to every REST call as Authorization: Bearer; without a token it changes nothing.
 *
 * Flow: Socket.IO events (through the class) and three same-origin REST calls feed one small in-memory state
 * (calls by id, agents by id); every change re-renders the affected part of the page. All server and user data goes
 * into the DOM through textContent/createElement, never through innerHTML, because customer and agent names are
 * untrusted input.
 *
 * Element ids (stable, for tests and for CRM developers who copy parts):
 *   #connectionStatus       connection state; attribute data-state = connecting | connected | reconnecting | disconnected
 *   #callCenterStatus       status line from GET /api/call-center/status; data-state = loading | ok | error
 *   #ringingBadge           button "N ringing" (hidden when nothing rings); reopens the popup. #ringingCount = N
 *   #enableNotificationsButton  shown while browser-notification permission is undecided
 *   #incomingCallModal      the incoming-call popup (hidden attribute when closed); data-call-id = the shown call
 *   #callerNumber #calledNumber #callId #assignedAgent #callStartTime   call facts in the popup
 *   #customerInfo           customer section; #customerDetails with #customerName #customerPhone #customerEmail
 *                           #customerCif, or #newCustomerNotice ("New customer – no data in CRM") when customerInfo is null
 *   #agentSelect            agent to answer with (available agents + the assigned agent, which is pre-selected)
 *   #answerButton #rejectButton #dismissCallButton   popup actions (dismiss = close, the call keeps ringing)
 *   #callActionStatus       feedback for the popup's actions ("Answering…", validation messages)
 *   #ringingQueuePanel #ringingQueue   the list of ringing calls (shown when more than one rings);
 *                           items: button[data-testid=ringing-call][data-call-id], aria-current=true on the shown one
 *   #agentsContainer        agent list; items: li[data-testid=agent-item][data-agent-id][data-status]; #agentSummary
 *   #activeCallsTable       ringing and connected calls; #activeCallsBody rows: tr[data-testid=call-row][data-call-id]
 *                           [data-status]; cells have data-col = callId|caller|customer|agent|status|started|duration;
 *                           #noActiveCalls shown when empty
 *   #logContainer           activity log, newest first, at most 20 li[data-testid=log-entry][data-kind]
 *   #noticeContainer        transient notices: div[data-testid=notice][data-kind]
 *   #wallboard              call-stats' live figures; data-state = waiting | live | unavailable; #wallboardStatus
 *                           says when they are from. #wallboardTiles: div[data-testid=stat-tile][data-stat] with
 *                           .tile-value (data-stat = offered | answered | abandoned | notAnswered | rejected |
 *                           serviceLevel | avgTimeToAnswer | p90TimeToAnswer | avgHandleTime | longestWaiting | ringing
 *                           | agents); #callsPerMinuteChart: an SVG, one g[data-testid=chart-minute][data-minute]
 *                           [data-offered][data-answered] per minute of the last 15
 *                           Fed by GET /api/call-center/stats at start and the call_center_stats event, which the
 *                           gateway sends only to a join with stats: true (the console adds it to the guide's join).
 * window.crmConsole exposes { crmCall, state } for debugging.
 */
(function () {
    'use strict';

    const CRM_USER_ID = 'crm_console';
    /** From ?token= in the page's address (or this tab's earlier one); null on a gateway without authentication. */
    const ACCESS_TOKEN = CrmAccessToken.fromPage(window);
    const LOG_LIMIT = 20;
    const AGENTS_REFRESH_MS = 30000;
    const STATUS_REFRESH_MS = 10000;
    const NOTICE_MS = 6000;
    const MAX_NOTICES = 4;
    const ACTION_TIMEOUT_MS = 15000;
    const STATUS_ORDER = ['available', 'busy', 'away', 'offline'];
    const CONNECTION_TEXT = {
        connecting: '🟡 Connecting…',
        connected: '🟢 Connected',
        reconnecting: '🟡 Reconnecting…',
        disconnected: '🔴 Disconnected'
    };

    const state = {
        calls: new Map(),            // callId -> call (see newCall)
        currentCallId: null,         // the ringing call shown in the popup
        modalOpen: false,
        agents: new Map(),           // String(agent id) -> agent, from /api/agents/status and agent_status_update
        availableAgents: [],         // from /api/agents/available, routing order
        connection: 'connecting',
        connectionErrorLogged: false,
        notifications: new Map()     // callId -> browser Notification
    };

    const byId = (id) => document.getElementById(id);

    // ---------- small DOM and formatting helpers ----------

    /** Creates an element; text is set with textContent, attrs with setAttribute: nothing is parsed as HTML. */
    function el(tag, options, children) {
        const node = document.createElement(tag);
        const opts = options || {};
        if (opts.className) node.className = opts.className;
        if (opts.text !== undefined && opts.text !== null) node.textContent = String(opts.text);
        if (opts.attrs) {
            Object.keys(opts.attrs).forEach((name) => {
                const value = opts.attrs[name];
                if (value !== undefined && value !== null) node.setAttribute(name, String(value));
            });
        }
        (children || []).forEach((child) => {
            if (child !== null && child !== undefined) node.appendChild(child);
        });
        return node;
    }

    function clear(node) {
        while (node.firstChild) node.removeChild(node.firstChild);
    }

    function text(value, fallback) {
        if (value === undefined || value === null || value === '') return fallback === undefined ? '—' : fallback;
        return String(value);
    }

    /** The guide's startTime is UTC without an offset and with microseconds ("2025-09-22T05:46:34.487215"). */
    function parseCrmTime(value) {
        if (typeof value !== 'string') return null;
        const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
        if (!match) return null;
        const millis = ((match[2] || '') + '000').slice(0, 3);
        const date = new Date(match[1] + '.' + millis + (match[3] || 'Z'));
        return isNaN(date.getTime()) ? null : date;
    }

    const timeFormat = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit', second: '2-digit'});

    function formatTime(date) {
        return date ? timeFormat.format(date) : '—';
    }

    function formatDuration(totalSeconds) {
        const seconds = Math.max(0, Math.floor(totalSeconds));
        const h = Math.floor(seconds / 3600);
        const m = Math.floor((seconds % 3600) / 60);
        const s = String(seconds % 60).padStart(2, '0');
        return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
    }

    function secondsSince(date) {
        return date ? (Date.now() - date.getTime()) / 1000 : 0;
    }

    function agentName(agent) {
        if (!agent) return null;
        return agent.fullName || agent.agentName || (agent.id !== undefined ? 'Agent #' + agent.id : null);
    }

    function customerLabel(call) {
        return call.customerInfo ? text(call.customerInfo.fullName, 'Unnamed customer') : 'New customer';
    }

    // ---------- activity log and notices ----------

    function log(message, kind) {
        const container = byId('logContainer');
        const now = new Date();
        const entry = el('li', {className: 'log-entry log-' + (kind || 'info'),
            attrs: {'data-testid': 'log-entry', 'data-kind': kind || 'info'}}, [
            el('time', {text: formatTime(now), attrs: {datetime: now.toISOString()}}),
            el('span', {className: 'log-text', text: message})
        ]);
        container.insertBefore(entry, container.firstChild);
        while (container.children.length > LOG_LIMIT) container.removeChild(container.lastChild);
    }

    function showNotice(message, kind) {
        const container = byId('noticeContainer');
        const notice = el('div', {className: 'notice notice-' + (kind || 'info'),
            attrs: {'data-testid': 'notice', 'data-kind': kind || 'info', role: kind === 'error' ? 'alert' : 'status'}});
        const close = el('button', {className: 'notice-close', text: '×',
            attrs: {type: 'button', 'aria-label': 'Dismiss notice'}});
        close.addEventListener('click', () => notice.remove());
        notice.appendChild(el('span', {text: message}));
        notice.appendChild(close);
        container.appendChild(notice);
        while (container.children.length > MAX_NOTICES) container.removeChild(container.firstChild);
        setTimeout(() => notice.remove(), NOTICE_MS);
    }

    // ---------- connection ----------

    function setConnection(next, detail) {
        state.connection = next;
        const status = byId('connectionStatus');
        status.dataset.state = next;
        status.textContent = CONNECTION_TEXT[next] + (detail ? ' ' + detail : '');
    }

    function handleConnectionChange(connected) {
        const previous = state.connection;
        if (connected) {
            setConnection('connected');
            state.connectionErrorLogged = false;
            log('🟢 Connected to the call system', 'success');
            // Events may have been missed while disconnected: reload what REST can tell us.
            loadAgents();
            loadAvailableAgents();
            loadCallCenterStatus();
            return;
        }
        // The class reports "disconnected" on every failed attempt; socket.active says whether Socket.IO will retry.
        const willRetry = Boolean(crmCall && crmCall.socket && crmCall.socket.active);
        setConnection(willRetry ? 'reconnecting' : 'disconnected');
        if (previous === 'connected') {
            log(willRetry ? '🔴 Connection lost, reconnecting…' : '🔴 Disconnected from the call system', 'error');
        }
    }

    function handleConnectionError(error) {
        if (state.connectionErrorLogged) return;
        state.connectionErrorLogged = true;
        if (error && error.message === 'unauthorized') {
            // the gateway's answer to a missing, expired or wrongly signed token; Socket.IO does not retry it
            const hint = ACCESS_TOKEN
                ? 'The call system refused this console\'s token (expired?): open the console again with ?token=<new JWT>'
                : 'The call system requires a token: open the console with ?token=<JWT>';
            log('🔒 ' + hint, 'error');
            showNotice(hint, 'error');
            return;
        }
        log('⚠️ Cannot reach the call system: ' + text(error && error.message, 'connection error'), 'error');
    }

    // ---------- server errors ----------

    function handleServerError(error) {
        const data = error && typeof error === 'object' ? error : {message: String(error)};
        const parts = [];
        if (data.event) parts.push(String(data.event));
        if (data.callId) parts.push(String(data.callId));
        const where = parts.length ? ' (' + parts.join(', ') + ')' : '';
        const message = '⚠️ ' + text(data.message, 'Server error') + where + (data.code ? ' [' + data.code + ']' : '');
        log(message, 'error');
        showNotice(text(data.message, 'Server error') + where, 'error');
        const call = data.callId ? state.calls.get(String(data.callId)) : null;
        if (call && call.pendingAction) {
            clearPending(call);
            if (call.callId === state.currentCallId) {
                setActionStatus(text(data.message, 'The server refused the request.'), 'error');
                renderPopupActions();
            }
            renderCalls();
        }
    }

    // ---------- calls ----------

    function newCall(callId) {
        return {
            callId: callId, callerNumber: null, calledNumber: null, assignedAgent: null, agentInfo: null,
            customerInfo: null, startedAt: null, status: 'ringing', pendingAction: null, pendingTimer: null,
            selectedAgentId: null
        };
    }

    function ringingCalls() {
        return Array.from(state.calls.values()).filter((call) => call.status === 'ringing');
    }

    function currentCall() {
        const call = state.currentCallId ? state.calls.get(state.currentCallId) : null;
        return call && call.status === 'ringing' ? call : null;
    }

    function handleIncomingCall(data) {
        if (!data || typeof data.callId !== 'string' || !data.callId) {
            log('⚠️ Ignored an incoming call without a callId', 'warn');
            return;
        }
        const existing = state.calls.get(data.callId);
        if (existing && existing.status !== 'ringing') return; // late duplicate of a call already answered
        const call = existing || newCall(data.callId);
        call.callerNumber = data.callerNumber || null;
        call.calledNumber = data.calledNumber || null;
        call.assignedAgent = data.assignedAgent || null;
        call.customerInfo = data.customerInfo || null;
        call.startedAt = parseCrmTime(data.startTime) || call.startedAt || new Date();
        state.calls.set(call.callId, call);

        if (!existing) {
            log('📞 Incoming call from ' + text(call.callerNumber, 'unknown number') + ' – ' + customerLabel(call)
                + ' (' + call.callId + ')', 'info');
            notifyBrowser(call);
        }
        // Show the new call unless the user is already looking at another ringing call; it then waits in the queue.
        if (!currentCall() || !state.modalOpen) state.currentCallId = call.callId;
        openModal();
        renderCalls();
        loadAvailableAgents();
    }

    function handleCallAnswered(data) {
        const answered = data && data.call;
        if (!answered || !answered.callId) {
            log('⚠️ Ignored a call_answered event without call.callId', 'warn');
            return;
        }
        const callId = String(answered.callId);
        const call = state.calls.get(callId) || newCall(callId);
        clearPending(call);
        call.status = 'connected';
        call.agentInfo = answered.agentInfo || call.agentInfo || call.assignedAgent;
        if (answered.customerInfo !== undefined) call.customerInfo = answered.customerInfo;
        if (!call.callerNumber && call.customerInfo) call.callerNumber = call.customerInfo.phoneNumber || null;
        if (!call.startedAt) call.startedAt = new Date();
        state.calls.set(callId, call);
        closeBrowserNotification(callId);

        log('✅ Call ' + callId + ' answered by ' + text(agentName(call.agentInfo), 'an agent')
            + (data.message ? ' – ' + data.message : ''), 'success');
        showNotice(text(data.message, 'Call connected') + ': ' + text(call.callerNumber, callId), 'success');
        afterCallLeftRinging(callId);
    }

    function handleCallEnded(data) {
        if (!data || !data.callId) {
            log('⚠️ Ignored a call_ended event without a callId', 'warn');
            return;
        }
        const callId = String(data.callId);
        const call = state.calls.get(callId);
        if (call) clearPending(call);
        state.calls.delete(callId);
        closeBrowserNotification(callId);
        const details = [];
        if (data.endReason) details.push(String(data.endReason));
        if (typeof data.duration === 'number') details.push(formatDuration(data.duration));
        log('📴 Call ' + callId + ' ended' + (details.length ? ' (' + details.join(', ') + ')' : '')
            + (call && call.callerNumber ? ' – ' + call.callerNumber : ''), 'info');
        afterCallLeftRinging(callId);
    }

    /** The call no longer rings: show the next ringing call in the popup, or close it. */
    function afterCallLeftRinging(callId) {
        if (state.currentCallId === callId || !currentCall()) {
            const next = ringingCalls()[0];
            state.currentCallId = next ? next.callId : null;
            if (!next) {
                closeModal();
            } else if (state.modalOpen) {
                renderModal();
            }
        }
        renderQueue();
        renderCalls();
    }

    function selectCall(callId) {
        const call = state.calls.get(callId);
        if (!call || call.status !== 'ringing') return;
        state.currentCallId = callId;
        openModal();
    }

    // ---------- popup actions ----------

    function setActionStatus(message, kind) {
        const status = byId('callActionStatus');
        status.textContent = message || '';
        status.dataset.kind = kind || 'info';
    }

    function setPending(call, action) {
        clearPending(call);
        call.pendingAction = action;
        call.pendingTimer = setTimeout(() => {
            call.pendingAction = null;
            call.pendingTimer = null;
            if (call.callId === state.currentCallId) {
                setActionStatus('No answer from the call system yet. You can try again.', 'error');
                renderPopupActions();
            }
            renderCalls();
        }, ACTION_TIMEOUT_MS);
    }

    function clearPending(call) {
        if (call.pendingTimer) clearTimeout(call.pendingTimer);
        call.pendingTimer = null;
        call.pendingAction = null;
    }

    function answerCurrentCall() {
        const call = currentCall();
        if (!call || call.pendingAction) return;
        const selected = byId('agentSelect').value;
        const agentId = selected || (call.assignedAgent ? String(call.assignedAgent.id) : '');
        if (!agentId || !/^\d+$/.test(agentId)) {
            setActionStatus('Please select an agent.', 'error');
            byId('agentSelect').focus();
            return;
        }
        if (!crmCall.answerCall(call.callId, parseInt(agentId, 10))) {
            setActionStatus('Not connected to the call system – cannot answer now.', 'error');
            return;
        }
        setPending(call, 'answer');
        setActionStatus('Answering…', 'info');
        const agent = state.agents.get(agentId) || (call.assignedAgent && String(call.assignedAgent.id) === agentId
            ? call.assignedAgent : null);
        log('➡️ Answering call ' + call.callId + ' with ' + text(agentName(agent), 'agent #' + agentId), 'info');
        renderPopupActions();
        renderCalls();
    }

    function rejectCurrentCall() {
        const call = currentCall();
        if (!call || call.pendingAction) return;
        if (!crmCall.rejectCall(call.callId, 'crm_user_reject')) {
            setActionStatus('Not connected to the call system – cannot reject now.', 'error');
            return;
        }
        setPending(call, 'reject');
        setActionStatus('Rejecting…', 'info');
        log('➡️ Rejecting call ' + call.callId, 'info');
        renderPopupActions();
        renderCalls();
    }

    // ---------- popup rendering ----------

    let focusBeforeModal = null;

    function openModal() {
        const modal = byId('incomingCallModal');
        if (!currentCall()) return;
        if (!state.modalOpen) {
            state.modalOpen = true;
            focusBeforeModal = document.activeElement;
            modal.hidden = false;
            renderModal();
            byId('answerButton').focus();
        } else {
            renderModal();
        }
    }

    function closeModal() {
        const modal = byId('incomingCallModal');
        if (!state.modalOpen) return;
        state.modalOpen = false;
        modal.hidden = true;
        delete modal.dataset.callId;
        if (focusBeforeModal && document.contains(focusBeforeModal) && focusBeforeModal.focus) {
            focusBeforeModal.focus();
        }
        focusBeforeModal = null;
    }

    function renderModal() {
        const call = currentCall();
        if (!call) return;
        byId('incomingCallModal').dataset.callId = call.callId;
        byId('callerNumber').textContent = text(call.callerNumber, 'Unknown number');
        byId('calledNumber').textContent = text(call.calledNumber);
        byId('callId').textContent = call.callId;
        byId('assignedAgent').textContent = text(agentName(call.assignedAgent), 'Not assigned');
        byId('callStartTime').textContent = formatTime(call.startedAt);

        const customer = call.customerInfo;
        byId('customerDetails').hidden = !customer;
        byId('newCustomerNotice').hidden = Boolean(customer);
        byId('customerName').textContent = customer ? text(customer.fullName) : '';
        byId('customerPhone').textContent = customer ? text(customer.phoneNumber) : '';
        byId('customerEmail').textContent = customer ? text(customer.email, 'N/A') : '';
        byId('customerCif').textContent = customer ? text(customer.cif, 'N/A') : '';

        setActionStatus(call.pendingAction === 'answer' ? 'Answering…'
            : call.pendingAction === 'reject' ? 'Rejecting…' : '', 'info');
        renderAgentSelect();
        renderPopupActions();
        renderQueue();
    }

    function renderPopupActions() {
        const call = currentCall();
        const busy = !call || Boolean(call.pendingAction);
        byId('answerButton').disabled = busy;
        byId('rejectButton').disabled = busy;
        byId('agentSelect').disabled = busy;
        byId('answerButton').textContent = call && call.pendingAction === 'answer' ? 'Answering…' : 'Answer';
        byId('rejectButton').textContent = call && call.pendingAction === 'reject' ? 'Rejecting…' : 'Reject';
    }

    /** Available agents (fresh status from the agent list if known) plus the assigned agent, which is pre-selected. */
    function renderAgentSelect() {
        const select = byId('agentSelect');
        const call = currentCall();
        clear(select);
        select.appendChild(el('option', {text: 'Select agent…', attrs: {value: ''}}));
        if (!call) return;
        const assignedId = call.assignedAgent && call.assignedAgent.id !== undefined && call.assignedAgent.id !== null
            ? String(call.assignedAgent.id) : null;
        const seen = new Set();
        state.availableAgents.forEach((agent) => {
            const id = String(agent.id);
            const known = state.agents.get(id);
            const status = known ? known.status : agent.status;
            if (status !== 'available' || seen.has(id)) return;
            seen.add(id);
            const label = text(agentName(known || agent), 'Agent #' + id)
                + (agent.extension ? ' · ext ' + agent.extension : '') + (id === assignedId ? ' (assigned)' : '');
            select.appendChild(el('option', {text: label, attrs: {value: id}}));
        });
        if (assignedId && !seen.has(assignedId)) {
            const known = state.agents.get(assignedId);
            const status = known ? known.status : call.assignedAgent.status;
            select.appendChild(el('option', {
                text: text(agentName(call.assignedAgent), 'Agent #' + assignedId) + ' (assigned'
                    + (status ? ', ' + status : '') + ')',
                attrs: {value: assignedId}
            }));
        }
        const wanted = call.selectedAgentId !== null ? call.selectedAgentId : assignedId;
        select.value = wanted && Array.from(select.options).some((o) => o.value === wanted) ? wanted : '';
    }

    function renderQueue() {
        const ringing = ringingCalls();
        const list = byId('ringingQueue');
        clear(list);
        ringing.forEach((call) => {
            const isCurrent = call.callId === state.currentCallId;
            const button = el('button', {className: 'queue-item', attrs: {
                type: 'button', 'data-testid': 'ringing-call', 'data-call-id': call.callId,
                'aria-current': isCurrent ? 'true' : null}}, [
                el('span', {className: 'queue-caller', text: text(call.callerNumber, 'Unknown number')}),
                el('span', {className: 'queue-customer', text: customerLabel(call)}),
                el('span', {className: 'queue-time', text: formatTime(call.startedAt)})
            ]);
            button.addEventListener('click', () => selectCall(call.callId));
            list.appendChild(el('li', {}, [button]));
        });
        byId('queueCount').textContent = String(ringing.length);
        byId('ringingQueuePanel').hidden = ringing.length < 2;
        byId('ringingCount').textContent = String(ringing.length);
        byId('ringingBadge').hidden = ringing.length === 0;
    }

    // ---------- active calls table ----------

    function renderCalls() {
        const body = byId('activeCallsBody');
        clear(body);
        const calls = Array.from(state.calls.values()).sort((a, b) =>
            (a.startedAt ? a.startedAt.getTime() : 0) - (b.startedAt ? b.startedAt.getTime() : 0));
        calls.forEach((call) => {
            const agent = call.status === 'connected' ? call.agentInfo : call.assignedAgent;
            const statusText = call.pendingAction === 'answer' ? 'answering…'
                : call.pendingAction === 'reject' ? 'rejecting…' : call.status;
            const action = call.status === 'ringing'
                ? el('button', {className: 'btn btn-small', text: 'Open',
                    attrs: {type: 'button', 'aria-label': 'Open call ' + call.callId}})
                : null;
            if (action) action.addEventListener('click', () => selectCall(call.callId));
            body.appendChild(el('tr', {attrs: {'data-testid': 'call-row', 'data-call-id': call.callId,
                'data-status': call.status}}, [
                el('td', {className: 'mono', text: call.callId, attrs: {'data-col': 'callId'}}),
                el('td', {text: text(call.callerNumber), attrs: {'data-col': 'caller'}}),
                el('td', {text: customerLabel(call), attrs: {'data-col': 'customer'}}),
                el('td', {text: text(agentName(agent)), attrs: {'data-col': 'agent'}}),
                el('td', {attrs: {'data-col': 'status'}}, [
                    el('span', {className: 'badge call-' + call.status, text: statusText})]),
                el('td', {text: formatTime(call.startedAt), attrs: {'data-col': 'started',
                    title: call.startedAt ? call.startedAt.toLocaleString() : null}}),
                el('td', {className: 'mono', text: durationText(call), attrs: {'data-col': 'duration'}}),
                el('td', {}, [action])
            ]));
        });
        byId('noActiveCalls').hidden = calls.length > 0;
        renderQueue();
    }

    function durationText(call) {
        return call.status === 'connected' ? formatDuration(secondsSince(call.startedAt)) : '—';
    }

    /** Once a second: only the duration cells change, so the table is not rebuilt. */
    function tickDurations() {
        document.querySelectorAll('#activeCallsBody tr[data-status="connected"]').forEach((row) => {
            const call = state.calls.get(row.dataset.callId);
            const cell = row.querySelector('[data-col="duration"]');
            if (call && cell) cell.textContent = durationText(call);
        });
    }

    // ---------- agents ----------

    function handleAgentStatusUpdate(data) {
        if (!data || data.agentId === undefined || data.agentId === null) return;
        const id = String(data.agentId);
        const agent = state.agents.get(id) || {id: data.agentId, fullName: data.agentName};
        if (data.agentName) agent.fullName = data.agentName;
        agent.status = data.status;
        state.agents.set(id, agent);
        const inAvailable = state.availableAgents.some((a) => String(a.id) === id);
        if (data.status === 'available' && !inAvailable) state.availableAgents.push(agent);
        if (data.status !== 'available' && inAvailable) {
            state.availableAgents = state.availableAgents.filter((a) => String(a.id) !== id);
        }
        log('👤 Agent ' + text(agentName(agent), '#' + id) + ': '
            + (data.previousStatus ? data.previousStatus + ' → ' : '') + text(data.status, 'unknown'), 'info');
        renderAgents();
        if (state.modalOpen) renderAgentSelect();
    }

    function renderAgents() {
        const container = byId('agentsContainer');
        clear(container);
        const agents = Array.from(state.agents.values()).sort((a, b) => {
            const byStatus = rank(a.status) - rank(b.status);
            return byStatus !== 0 ? byStatus : text(a.fullName, '').localeCompare(text(b.fullName, ''));
        });
        agents.forEach((agent) => {
            container.appendChild(el('li', {className: 'agent-item',
                attrs: {'data-testid': 'agent-item', 'data-agent-id': agent.id, 'data-status': agent.status}}, [
                el('span', {className: 'agent-name', text: text(agentName(agent), 'Agent #' + agent.id)}),
                el('span', {className: 'agent-ext', text: agent.extension ? 'ext ' + agent.extension : ''}),
                el('span', {className: 'badge status-' + safeClass(agent.status), text: text(agent.status, 'unknown')})
            ]));
        });
        if (agents.length === 0) container.appendChild(el('li', {className: 'empty', text: 'No agents.'}));
        const counts = STATUS_ORDER.map((status) =>
            agents.filter((a) => a.status === status).length + ' ' + status);
        byId('agentSummary').textContent = agents.length ? counts.join(' · ') : '';
    }

    function rank(status) {
        const index = STATUS_ORDER.indexOf(status);
        return index === -1 ? STATUS_ORDER.length : index;
    }

    function safeClass(value) {
        return String(value || 'unknown').replace(/[^a-z0-9_-]/gi, '');
    }

    // ---------- REST (same origin) ----------

    async function getJson(path) {
        const headers = Object.assign({Accept: 'application/json'}, CrmAccessToken.fetchHeaders(ACCESS_TOKEN));
        const response = await fetch(path, {headers: headers, credentials: 'same-origin'});
        let body = null;
        try {
            body = await response.json();
        } catch (e) {
            throw new Error('HTTP ' + response.status + ' (not JSON)');
        }
        if (!response.ok || !body || body.success !== true) {
            const message = body && body.error && body.error.message;
            throw new Error(message || 'HTTP ' + response.status);
        }
        return body.data;
    }

    async function loadAgents() {
        try {
            const agents = await getJson('/api/agents/status');
            state.agents = new Map((Array.isArray(agents) ? agents : []).map((a) => [String(a.id), a]));
            renderAgents();
            if (state.modalOpen) renderAgentSelect();
        } catch (error) {
            log('⚠️ Could not load agents: ' + error.message, 'error');
        }
    }

    async function loadAvailableAgents() {
        try {
            const agents = await getJson('/api/agents/available');
            state.availableAgents = Array.isArray(agents) ? agents : [];
            if (state.modalOpen) renderAgentSelect();
        } catch (error) {
            log('⚠️ Could not load available agents: ' + error.message, 'error');
        }
    }

    async function loadCallCenterStatus() {
        const line = byId('callCenterStatus');
        try {
            const s = (await getJson('/api/call-center/status')) || {};
            const calls = s.activeCalls || {};
            const agents = s.agents || {};
            const num = (v) => (typeof v === 'number' ? String(v) : '?');
            clear(line);
            [
                ['Clients', num(s.connectedClients) + ' connected, ' + num(s.joinedClients) + ' joined'],
                ['Calls', num(calls.ringing) + ' ringing, ' + num(calls.connected) + ' connected'],
                ['Agents', STATUS_ORDER.map((k) => num(agents[k]) + ' ' + k).join(', ')],
                ['Instance', text(s.instanceId)]
            ].forEach((pair) => {
                line.appendChild(el('span', {className: 'status-item'}, [
                    el('strong', {text: pair[0] + ': '}), document.createTextNode(pair[1])]));
            });
            line.dataset.state = 'ok';
        } catch (error) {
            line.textContent = 'Call centre status unavailable: ' + error.message;
            line.dataset.state = 'error';
        }
    }

    // ---------- wallboard (call-stats' figures) ----------

    const SVG_NS = 'http://www.w3.org/2000/svg';
    const CHART_MINUTES = 15;
    const CHART = {width: 300, height: 96, top: 6, bottom: 14};

    function seconds(value) {
        return typeof value === 'number' ? (value < 60 ? value.toFixed(1) + ' s' : formatDuration(Math.round(value)))
            : '–';
    }

    function percent(value) {
        return typeof value === 'number' ? Math.round(value * 1000) / 10 + ' %' : '–';
    }

    function count(value) {
        return typeof value === 'number' ? String(value) : '–';
    }

    /** [data-stat, label, value from the snapshot, alert when true]. Periods: the last 15 minutes. */
    const WALLBOARD_TILES = [
        ['offered', 'Offered', (s) => count(s.last15Minutes.offered)],
        ['answered', 'Answered', (s) => count(s.last15Minutes.answered)],
        ['abandoned', 'Abandoned', (s) => count(s.last15Minutes.abandoned)],
        ['notAnswered', 'Not answered', (s) => count(s.last15Minutes.notAnswered)],
        ['rejected', 'Rejected', (s) => count(s.last15Minutes.rejected)],
        ['serviceLevel', 'Service level', (s) => percent(s.last15Minutes.serviceLevel),
            (s) => typeof s.last15Minutes.serviceLevel === 'number' && s.last15Minutes.serviceLevel < 0.8],
        ['avgTimeToAnswer', 'Avg time to answer', (s) => seconds(s.last15Minutes.avgTimeToAnswerSeconds)],
        ['p90TimeToAnswer', 'p90 time to answer', (s) => seconds(s.last15Minutes.p90TimeToAnswerSeconds)],
        ['avgHandleTime', 'Avg handle time', (s) => seconds(s.last15Minutes.avgHandleTimeSeconds)],
        ['longestWaiting', 'Longest waiting now', (s) => seconds(s.now.longestWaitingSeconds),
            (s) => typeof s.now.longestWaitingSeconds === 'number'
                && s.now.longestWaitingSeconds > s.serviceLevelThresholdSeconds],
        ['ringing', 'Ringing now', (s) => count(s.now.ringing)],
        ['agents', 'Agents', (s) => {
            const a = s.now.agentsByStatus || {};
            return count(a.available) + ' avail · ' + count(a.busy) + ' busy · ' + count(a.away) + ' away';
        }]
    ];

    let wallboardOccurredAt = 0;

    /** Renders a snapshot unless an equal or newer one is on screen (the REST answer may come after a push). */
    function renderWallboard(stats) {
        if (!stats || !stats.last15Minutes || !stats.now) return;
        const occurredAt = Date.parse(stats.occurredAt) || 0;
        if (occurredAt !== 0 && occurredAt <= wallboardOccurredAt) return;
        wallboardOccurredAt = occurredAt;
        const board = byId('wallboard');
        const tiles = byId('wallboardTiles');
        WALLBOARD_TILES.forEach((tile) => {
            let node = tiles.querySelector('[data-stat="' + tile[0] + '"]');
            if (!node) {
                node = el('div', {className: 'tile', attrs: {'data-testid': 'stat-tile', 'data-stat': tile[0]}}, [
                    el('span', {className: 'tile-label', text: tile[1]}), el('span', {className: 'tile-value'})]);
                tiles.appendChild(node);
            }
            if (tile[0] === 'serviceLevel') {
                node.querySelector('.tile-label').textContent = 'Service level (' + stats.serviceLevelThresholdSeconds
                    + ' s)';
            }
            node.querySelector('.tile-value').textContent = tile[2](stats);
            node.dataset.alert = String(Boolean(tile[3] && tile[3](stats)));
        });
        renderChart(Array.isArray(stats.minutes) ? stats.minutes.slice(-CHART_MINUTES) : []);
        board.dataset.state = 'live';
        byId('wallboardStatus').textContent = 'As of ' + formatTime(new Date(stats.occurredAt));
    }

    function svg(tag, attrs, textContent) {
        const node = document.createElementNS(SVG_NS, tag);
        Object.keys(attrs).forEach((name) => node.setAttribute(name, String(attrs[name])));
        if (textContent !== undefined) node.textContent = textContent;
        return node;
    }

    /** One bar per minute: offered (light) with answered (dark) inside it; no library, plain SVG. */
    function renderChart(minutes) {
        const chart = byId('callsPerMinuteChart');
        clear(chart);
        const plotHeight = CHART.height - CHART.top - CHART.bottom;
        const slot = CHART.width / CHART_MINUTES;
        const max = Math.max(1, ...minutes.map((m) => m.offered || 0), ...minutes.map((m) => m.answered || 0));
        minutes.forEach((minute, i) => {
            const offered = minute.offered || 0;
            const answered = minute.answered || 0;
            const x = i * slot + 2;
            const group = svg('g', {'data-testid': 'chart-minute', 'data-minute': minute.from,
                'data-offered': offered, 'data-answered': answered});
            const label = formatTime(new Date(minute.from)) + ': ' + offered + ' offered, ' + answered + ' answered';
            group.appendChild(svg('title', {}, label));
            const offeredHeight = plotHeight * offered / max;
            group.appendChild(svg('rect', {class: 'bar-offered', x: x, width: slot - 4, y: CHART.top + plotHeight
                    - offeredHeight, height: offeredHeight}));
            const answeredHeight = plotHeight * answered / max;
            group.appendChild(svg('rect', {class: 'bar-answered', x: x + (slot - 4) / 4, width: (slot - 4) / 2,
                y: CHART.top + plotHeight - answeredHeight, height: answeredHeight}));
            chart.appendChild(group);
        });
        if (minutes.length > 0) {
            chart.appendChild(svg('text', {class: 'chart-axis', x: 2, y: CHART.height - 3},
                formatTime(new Date(minutes[0].from))));
            chart.appendChild(svg('text', {class: 'chart-axis', x: CHART.width - 2, y: CHART.height - 3,
                'text-anchor': 'end'}, 'now'));
            chart.appendChild(svg('text', {class: 'chart-axis', x: CHART.width - 2, y: CHART.top + 8,
                'text-anchor': 'end'}, 'max ' + max));
        }
    }

    async function loadCallCenterStats() {
        try {
            renderWallboard(await getJson('/api/call-center/stats'));
        } catch (error) {
            if (byId('wallboard').dataset.state !== 'live') {
                byId('wallboard').dataset.state = 'unavailable';
                byId('wallboardStatus').textContent = 'Statistics unavailable: ' + error.message;
            }
        }
    }

    // ---------- browser notifications ----------

    const notificationsSupported = typeof window.Notification === 'function';

    function renderNotificationButton() {
        byId('enableNotificationsButton').hidden = !notificationsSupported || Notification.permission !== 'default';
    }

    function notifyBrowser(call) {
        if (!notificationsSupported || Notification.permission !== 'granted') return;
        try {
            const body = 'From: ' + text(call.callerNumber, 'unknown number') + ' – ' + customerLabel(call);
            const notification = new Notification('📞 Incoming call', {body: body, tag: call.callId,
                icon: 'phone-icon.png'});
            notification.onclick = () => {
                window.focus();
                selectCall(call.callId);
                notification.close();
            };
            state.notifications.set(call.callId, notification);
        } catch (e) {
            // Some browsers (e.g. Chrome on Android) only allow notifications from a service worker.
        }
    }

    function closeBrowserNotification(callId) {
        const notification = state.notifications.get(callId);
        if (notification) notification.close();
        state.notifications.delete(callId);
    }

    // ---------- wiring ----------

    // The guide's class; with a token, the same class connecting with auth: {token} (crm-access-token.js).
    const ConsoleCallIntegration = CrmAccessToken.withToken(CRMCallIntegration, ACCESS_TOKEN);
    const crmCall = new ConsoleCallIntegration({
        serverUrl: window.location.origin, // the page's own origin: the gateway serves this page and Socket.IO
        crmUserId: CRM_USER_ID,
        onIncomingCall: handleIncomingCall,
        onCallAnswered: handleCallAnswered,
        onCallEnded: handleCallEnded,
        onAgentStatusUpdate: handleAgentStatusUpdate,
        onConnectionChange: handleConnectionChange
    });
    // onError/onConnectionError are methods in the guide, not options: override on the instance, keeping the
    // guide's connection-error behaviour (it marks the client disconnected).
    crmCall.onError = handleServerError;
    const guideConnectionError = crmCall.onConnectionError;
    crmCall.onConnectionError = function (error) {
        guideConnectionError.call(this, error);
        handleConnectionError(error);
    };
    crmCall.socket.io.on('reconnect_attempt', (attempt) => {
        if (state.connection !== 'connected') setConnection('reconnecting', '(attempt ' + attempt + ')');
    });
    // The guide's join plus stats: true, so the gateway also sends call_center_stats (the guide's class unchanged:
    // its own join payload, with the one extra field added as it is emitted).
    const guideJoin = crmCall.joinCallCenter;
    crmCall.joinCallCenter = function () {
        const socket = this.socket;
        const emit = socket.emit;
        socket.emit = function (name, payload, ...rest) {
            socket.emit = emit;
            return emit.call(socket, name, Object.assign({}, payload, {stats: true}), ...rest);
        };
        try {
            guideJoin.call(this);
        } finally {
            socket.emit = emit;
        }
    };
    crmCall.socket.on('call_center_stats', renderWallboard);
    crmCall.socket.on('joined_call_center', (data) => {
        log('🏢 ' + text(data && data.message, 'Joined call center'), 'info');
    });
    window.crmConsole = {crmCall: crmCall, state: state};

    byId('answerButton').addEventListener('click', answerCurrentCall);
    byId('rejectButton').addEventListener('click', rejectCurrentCall);
    byId('dismissCallButton').addEventListener('click', closeModal);
    byId('ringingBadge').addEventListener('click', () => {
        const first = currentCall() || ringingCalls()[0];
        if (first) selectCall(first.callId);
    });
    byId('agentSelect').addEventListener('change', (event) => {
        const call = currentCall();
        if (call) call.selectedAgentId = event.target.value;
        setActionStatus('', 'info');
    });
    byId('incomingCallModal').addEventListener('keydown', (event) => {
        if (event.key === 'Escape') closeModal();
    });
    byId('enableNotificationsButton').addEventListener('click', () => {
        if (!notificationsSupported) return;
        Promise.resolve(Notification.requestPermission()).then(renderNotificationButton, renderNotificationButton);
    });

    renderNotificationButton();
    renderCalls();
    renderAgents();
    loadAgents();
    loadAvailableAgents();
    loadCallCenterStatus();
    loadCallCenterStats();
    setInterval(loadAgents, AGENTS_REFRESH_MS);
    setInterval(loadAvailableAgents, AGENTS_REFRESH_MS);
    setInterval(loadCallCenterStatus, STATUS_REFRESH_MS);
    setInterval(tickDurations, 1000);
}());
