package dev.multitasking.threads;

import dev.multitasking.testkit.StrategyContract;

class ThreadPerTaskStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "threads";
    }
}
