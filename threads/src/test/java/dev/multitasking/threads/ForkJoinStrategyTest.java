package dev.multitasking.threads;

import dev.multitasking.core.StrategyContract;

class ForkJoinStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "forkjoin";
    }
}
