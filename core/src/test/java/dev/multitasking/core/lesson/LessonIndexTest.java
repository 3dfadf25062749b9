package dev.multitasking.core.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Ramen_01_OneChefInSequence.class;
    }
}
