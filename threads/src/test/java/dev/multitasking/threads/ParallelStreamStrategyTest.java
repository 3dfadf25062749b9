package dev.multitasking.threads;

import dev.multitasking.testkit.StrategyContract;

class ParallelStreamStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "parallel-stream";
    }
}
