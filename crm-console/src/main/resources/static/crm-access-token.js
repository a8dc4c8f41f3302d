/*
 * CrmAccessToken: the console's token for a gateway with authentication on (its prod profile), where every socket
 * and every /api/** request needs an HS256 JWT. The guide's CRMCallIntegration calls io(serverUrl) with no token, so
 * on such a gateway it can never connect; crm-call-integration.js stays the guide's class as written, and this file
 * adds the token from outside:
 *   - the page takes it from ?token=<jwt> in its own address (CrmAccessToken.fromPage), keeps it for the tab in
 *     sessionStorage (a reload still works) and removes it from the address bar (history, bookmarks, screen shares);
 *   - CrmAccessToken.withToken(CRMCallIntegration, token) is the guide's class connecting with Socket.IO v4's
 *     auth: {token} (sent in the connect packet, not in URLs that proxies log); without a token it is the guide's
 *     class itself, unchanged, so a gateway with auth off works exactly as the guide describes;
 *   - CrmAccessToken.fetchHeaders(token) is the Authorization: Bearer header for the REST calls.
 * Load it after crm-call-integration.js and before the page's script. A CRM that has its own login hands its token
 * to withToken/fetchHeaders the same way.
 */
const CrmAccessToken = (function () {
    'use strict';

    const STORAGE_KEY = 'crmConsole.accessToken';

    /** The token in a query string such as location.search ("?token=..."), or null. */
    function fromQuery(search) {
        const token = new URLSearchParams(search || '').get('token');
        return token && token.trim() ? token.trim() : null;
    }

    function storage(win) {
        try {
            return win.sessionStorage || null;
        } catch (e) {
            return null; // storage disabled by the browser's privacy settings
        }
    }

    /** The page's token: ?token= in its address (remembered for the tab, then removed from it), else the tab's. */
    function fromPage(win) {
        const token = fromQuery(win.location.search);
        const tab = storage(win);
        if (!token) {
            try {
                return tab ? tab.getItem(STORAGE_KEY) : null;
            } catch (e) {
                return null;
            }
        }
        try {
            if (tab) tab.setItem(STORAGE_KEY, token);
            const url = new URL(win.location.href);
            url.searchParams.delete('token');
            win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
        } catch (e) {
            // the token still works for this page view
        }
        return token;
    }

    /**
     * The guide's class connecting with auth: {token}. Its constructor calls init() before a subclass could set a
     * field, so the token is captured here; init() is the guide's, plus the option.
     */
    function withToken(IntegrationClass, token) {
        if (!token) return IntegrationClass;
        return class extends IntegrationClass {
            init() {
                this.socket = io(this.serverUrl, {auth: {token: token}});
                this.setupEventListeners();
            }
        };
    }

    /** Headers for fetch(): the token as a bearer credential, or none. */
    function fetchHeaders(token) {
        return token ? {Authorization: 'Bearer ' + token} : {};
    }

    return {fromQuery: fromQuery, fromPage: fromPage, withToken: withToken, fetchHeaders: fetchHeaders};
}());

if (typeof window !== 'undefined') {
    window.CrmAccessToken = CrmAccessToken;
}
