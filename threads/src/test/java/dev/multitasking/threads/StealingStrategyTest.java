package dev.multitasking.threads;

import dev.multitasking.testkit.StrategyContract;

class StealingStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "stealing";
    }
}
