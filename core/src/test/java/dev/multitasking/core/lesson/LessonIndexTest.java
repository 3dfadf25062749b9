package dev.multitasking.core.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Ramen_01_OneChefInSequence.class;
    }

    /** concurrency-01 on two pool sizes, not three: its own test measures the claim. */
    @Override
    protected String[] mainArguments(Class<?> lesson) {
        return lesson == Concurrency_01_OnOneProcessor.class ? new String[] {"1", "2"} : new String[0];
    }
}
