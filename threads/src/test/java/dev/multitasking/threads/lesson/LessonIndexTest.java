package dev.multitasking.threads.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Pools_01_ByHandAndByLibrary.class;
    }
}
