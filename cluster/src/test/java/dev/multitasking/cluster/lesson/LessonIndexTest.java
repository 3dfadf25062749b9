package dev.multitasking.cluster.lesson;

import dev.multitasking.core.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Scale_01_UpVersusOut.class;
    }
}
