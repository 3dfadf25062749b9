package dev.multitasking.threads;

import dev.multitasking.testkit.StrategyContract;

class VirtualStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "virtual";
    }
}
