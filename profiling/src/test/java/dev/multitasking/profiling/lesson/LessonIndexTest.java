package dev.multitasking.profiling.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Profiling_01_WhereSeedSpendsItsTime.class;
    }

    /** profiling-01's and profiling-05's flame graphs under target/, where the build cleans it away; profiling-02 without its JMH run. */
    @Override
    protected String[] mainArguments(Class<?> lesson) {
        if (lesson == Profiling_02_TimeitTheEightWays.class) {
            return new String[] {"naive"};
        }
        return lesson == Profiling_01_WhereSeedSpendsItsTime.class || lesson == Profiling_05_WhatWaits.class
                ? new String[] {java.nio.file.Path.of("target", "lesson-profile").toString()} : new String[0];
    }

    /** profiling-02 run without JMH prints no JMH column, which its sample shows. */
    @Override
    protected boolean printsItsSample(Class<?> lesson) {
        return lesson != Profiling_02_TimeitTheEightWays.class;
    }
}
