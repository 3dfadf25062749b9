package dev.multitasking.threads;

import dev.multitasking.testkit.StrategyContract;

class JdkCachedStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "jdk-cached";
    }
}
