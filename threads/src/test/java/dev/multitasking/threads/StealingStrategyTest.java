package dev.multitasking.threads;

import dev.multitasking.core.StrategyContract;

class StealingStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "stealing";
    }
}
