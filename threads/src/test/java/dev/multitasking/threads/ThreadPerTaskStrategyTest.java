package dev.multitasking.threads;

import dev.multitasking.core.StrategyContract;

class ThreadPerTaskStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "threads";
    }
}
