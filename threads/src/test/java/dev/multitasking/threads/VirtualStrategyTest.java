package dev.multitasking.threads;

import dev.multitasking.core.StrategyContract;

class VirtualStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "virtual";
    }
}
