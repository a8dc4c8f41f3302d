package io.callcenter.testing.archfixture.cyclic.b;

import io.callcenter.testing.archfixture.cyclic.a.Caller;

/** ...and feature b uses feature a: a cycle. */
public class Callee {
    public String name() {
        return Caller.class.getSimpleName();
    }
}
