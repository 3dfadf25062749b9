package dev.multitasking.threads;

import dev.multitasking.core.StrategyContract;

class FixedStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "fixed";
    }
}
