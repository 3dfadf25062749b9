package dev.multitasking.core.measure;

/**
 * What {@link Physics} said of a figure: the twin of the workload's {@code Verdict}, which says
 * whether the answer is right; this one says whether the timing could have happened.
 *
 * @param sound  whether the timing passed every check
 * @param detail empty when sound; otherwise every reason it is suspect, in one line
 */
public record TimingVerdict(boolean sound, String detail) {

    public static final TimingVerdict SOUND = new TimingVerdict(true, "");

    public static TimingVerdict suspect(String why) {
        return new TimingVerdict(false, why);
    }
}
