package io.callcenter.testing.archfixture.layered.a;

import io.callcenter.testing.archfixture.layered.b.Callee;

/** Feature a uses feature b, which does not use a. */
public class Caller {
    public String call() {
        return new Callee().topic();
    }
}
