package dev.multitasking.app.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Primes_01_TheLecturesProblem.class;
    }
}
