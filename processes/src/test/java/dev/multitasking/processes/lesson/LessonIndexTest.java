package dev.multitasking.processes.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Process_01_Facts.class;
    }
}
