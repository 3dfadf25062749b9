package dev.multitasking.profiling.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Profiling_01_WhereSeedSpendsItsTime.class;
    }
}
