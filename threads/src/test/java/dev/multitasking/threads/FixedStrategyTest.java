package dev.multitasking.threads;

import dev.multitasking.testkit.StrategyContract;

class FixedStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "fixed";
    }
}
