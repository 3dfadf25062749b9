package dev.multitasking.threads.lesson;

import dev.multitasking.core.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Pools_01_ByHandAndByLibrary.class;
    }
}
