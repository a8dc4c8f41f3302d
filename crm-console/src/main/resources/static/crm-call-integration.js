/*
 * CRMCallIntegration: the reference client of the CRM WebSocket Integration Guide
 * (crm-websocket-integration-guide.md).
 *
 * This is the guide's section "2. JavaScript Integration Class" exactly as written, with the guide's
 * "ERROR HANDLING" section merged in: the 'error' and 'connect_error' listeners at the end of
 * setupEventListeners(), and the onError()/onConnectionError() methods before disconnect().
 * Nothing else differs from the guide, so CRM teams can copy it as is.
 *
 * Usage: load the Socket.IO 4 client first (defines the global io), then this file, from plain <script> tags:
 *   <script src="/vendor/socket.io.min.js"></script>
 *   <script src="/crm-call-integration.js"></script>
 * The class is then a global (a top-level class declaration in a classic script); it is also set on window.
 * onError and onConnectionError are not constructor options in the guide; override them on the instance
 * (crmCall.onError = fn) or in a subclass.
 */
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

        // From the guide's "ERROR HANDLING" section
        this.socket.on('error', (error) => {
            console.error('Socket error:', error);
            this.onError(error);
        });

        this.socket.on('connect_error', (error) => {
            console.error('Connection error:', error);
            this.onConnectionError(error);
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

    // Error handlers, from the guide's "ERROR HANDLING" section (có thể override)
    onError(error) {
        // Handle socket errors
        console.error('Call system error:', error);
    }

    onConnectionError(error) {
        // Handle connection errors
        console.error('Failed to connect to call system:', error);
        this.isConnected = false;
        this.onConnectionChange(false);
    }

    // Cleanup
    disconnect() {
        if (this.socket) {
            this.socket.disconnect();
        }
    }
}

// A top-level class in a classic script is visible to later scripts but is not a window property; make it one too.
if (typeof window !== 'undefined') {
    window.CRMCallIntegration = CRMCallIntegration;
}
