package dev.multitasking.processes.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Process_01_Facts.class;
    }

    /** 300 round trips instead of 20,000. */
    @Override
    protected String[] mainArguments(Class<?> lesson) {
        return lesson == ProcessPool_03_WhatAWorkerCosts.class ? new String[] {"300"} : new String[0];
    }
}
