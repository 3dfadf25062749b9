package dev.multitasking.cluster.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Scale_01_UpVersusOut.class;
    }
}
