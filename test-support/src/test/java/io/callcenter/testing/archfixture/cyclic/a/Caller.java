package io.callcenter.testing.archfixture.cyclic.a;

import io.callcenter.testing.archfixture.cyclic.b.Callee;

/** Feature a uses feature b... */
public class Caller {
    public String call() {
        return new Callee().name();
    }
}
