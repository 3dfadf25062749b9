package dev.multitasking.cluster.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Scale_01_UpVersusOut.class;
    }

    /** One thread and one member instead of three; 50 round trips instead of 2,000; scale-03 at two task sizes, not five. */
    @Override
    protected String[] mainArguments(Class<?> lesson) {
        return lesson == Scale_01_UpVersusOut.class ? new String[] {"1"}
                : lesson == Scale_02_WhatATaskCosts.class ? new String[] {"50"}
                : lesson == Scale_03_WhenAPoolPaysForItself.class ? new String[] {"10", "1000"} : new String[0];
    }
}
