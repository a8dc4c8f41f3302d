package io.callcenter.gateway.nettysocketio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class B64QueryFixTest {

    @Test
    void b64IsRemovedFromEngineIoV4RequestsAndEverythingElseKept() {
        assertThat(B64QueryFix.withoutB64("/socket.io/?EIO=4&transport=polling&t=NxY1&b64=1"))
                .isEqualTo("/socket.io/?EIO=4&transport=polling&t=NxY1");
        assertThat(B64QueryFix.withoutB64("/socket.io/?EIO=4&transport=polling&b64=1&sid=abc&token=a.b-c_d"))
                .isEqualTo("/socket.io/?EIO=4&transport=polling&sid=abc&token=a.b-c_d");
    }

    @Test
    void engineIoV3RequestsKeepB64BecauseTheyNeedIt() {
        String v3 = "/socket.io/?EIO=3&transport=polling&b64=1";
        assertThat(B64QueryFix.withoutB64(v3)).isEqualTo(v3);
    }

    @Test
    void requestsWithoutB64AreUntouched() {
        String plain = "/socket.io/?EIO=4&transport=websocket&sid=abc";
        assertThat(B64QueryFix.withoutB64(plain)).isSameAs(plain);
    }
}
