package dev.multitasking.profiling.lesson;

import dev.multitasking.core.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Profiling_01_WhereSeedSpendsItsTime.class;
    }
}
