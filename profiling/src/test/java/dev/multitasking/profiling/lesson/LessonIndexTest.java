package dev.multitasking.profiling.lesson;

import dev.multitasking.testkit.LessonIndexContract;

class LessonIndexTest extends LessonIndexContract {

    @Override
    protected Class<?> aLesson() {
        return Profiling_01_WhereSeedSpendsItsTime.class;
    }

    /** Its flame graph under target/, where the build cleans it away. */
    @Override
    protected String[] mainArguments(Class<?> lesson) {
        return new String[] {java.nio.file.Path.of("target", "lesson-profile").toString()};
    }
}
