package dev.multitasking.core.primes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * The segmented sieve of Eratosthenes behind {@link Primes#sieveCount}: a mod-30 wheel, pre-sieved
 * small primes, cache-sized blocks, and large primes kept in buckets (profiling/RESULTS.md measures
 * it against primesieve).
 *
 * <p><b>The wheel.</b> Past 2, 3 and 5 only numbers coprime to 30 can be prime, 8 in every 30:
 * {@code 30b + 1, 7, 11, 13, 17, 19, 23, 29}. Byte {@code b} of the sieve holds those 8 numbers, a
 * bit each: 30 numbers in one byte instead of the odd-only sieve's 15 bits. The multiples of a
 * prime p that the wheel keeps are {@code p*q} with q coprime to 30; write {@code q = 30m + r} and
 * {@code p*q} lies in byte {@code p*m + floor(p*r/30)}, at a bit that depends only on
 * {@code p*r mod 30}. So each <em>cycle</em> m of a prime is 8 strikes at 8 fixed offsets from
 * one base, and the next cycle is p bytes on: the inner loop strikes 8 bytes per step with no
 * division and no shift, and 8/30 of the multiples instead of 1/2. The 8 bits depend only on p mod
 * 30, so there is one loop per class with its bits as constants: with the bits in registers the
 * loop's 20 values do not fit x86's 16 and spill.
 *
 * <p><b>Pre-sieving.</b> The smallest primes strike the most often. The primes 7 to 163, in groups
 * whose products are short enough, make patterns that repeat every product bytes; each block starts
 * as the first pattern and ORs in the rest, four at a time, so those primes are never struck one by
 * one (primesieve pre-sieves to 163 as well).
 *
 * <p><b>Blocks and segments.</b> A segment is {@value #SEGMENT_BYTES} bytes (an L2 cache's worth),
 * sieved in blocks of {@value #BLOCK_BYTES} (an L1 data cache's worth). Primes below
 * {@value #SMALL_BELOW} strike block by block, so their many strikes stay in L1; larger ones strike
 * a few times per block, so they go once per segment, where the cost of visiting a prime is spread
 * over more strikes.
 *
 * <p><b>Buckets.</b> A prime larger than a segment strikes each segment at most once per lane, and
 * visiting all of them for every segment would cost more than the striking. Their lanes wait in a
 * ring of buckets, one per segment ahead, for the segment they hit next: the design primesieve uses
 * (Kim Walisch, after Tomás Oliveira e Silva). They matter above about 2.7 * 10^11.
 *
 * <p>The per-class loops, their unrolled heads and tails and pre-sieving to 163 with four patterns a
 * pass took pi(10^10) on one thread from 1.41-1.50 s to 1.08-1.20 s (primesieve 0.90-0.92 s), runs
 * interleaved on an idle 2-core AMD EPYC (Zen 5, AVX-512), JDK 25.
 */
final class WheelSieve {

    /** The residues mod 30 that the 8 bits of a byte stand for, bit 0 first. */
    private static final int[] RESIDUES = {1, 7, 11, 13, 17, 19, 23, 29};

    /** Bit index of each residue mod 30, or -1 where the residue shares a factor with 30. */
    private static final int[] BIT_OF = new int[30];

    static final int SEGMENT_BYTES = 1 << 19;

    /** The block the small primes and the pre-sieve work in, a part of a segment that stays in L1. */
    static final int BLOCK_BYTES = 1 << 15;

    /**
     * Primes below this strike block by block; from it up to a segment's length, segment by
     * segment. Measured on pi(10^10), one thread, Zen 4: 2^11 and 2^10 1.87-1.88 s, 2^12 1.90 s,
     * 2^13 2.02 s, 2^14 2.25 s (a prime that strikes a block only a few times costs more to visit
     * 16 times a segment than its strikes save by staying in L1).
     */
    static final int SMALL_BELOW = 1 << 11;

    /**
     * Primes struck by pre-sieve patterns instead of one by one, in groups whose product is one
     * pattern's period in bytes. A block starts as a copy of the first pattern, and the others are
     * OR-ed in, four patterns a pass, a {@code long[]} loop that the JIT vectorizes (a byte loop, or
     * longs read from bytes through a VarHandle, runs 3 to 8 times slower, which costs more than it
     * saves; one pass per pattern would write the block 14 times instead of 4).
     */
    private static final int[][] PRESIEVED = {
        {7, 11, 13, 17, 19}, {23, 29, 31}, {37, 41, 43}, {47, 53}, {59, 61}, {67, 71}, {73, 79}, {83, 89},
        {97, 101}, {103, 107}, {109, 113}, {127, 131}, {137, 139}, {149, 151}, {157, 163}};

    /** The largest presieved prime. */
    private static final int PRESIEVED_UP_TO = 163;

    /**
     * Per group and per phase k (0..7), the group's pattern as longs read from byte k on: byte b of
     * the pattern has the bits of the numbers 30b + r divisible by a prime of the group, and it
     * runs on for a block past its period so that a block's window never wraps. A window that
     * starts at byte {@code at} is copy {@code at % 8} from long {@code at / 8}.
     */
    private static final long[][][] PATTERNS = new long[PRESIEVED.length][8][];

    /** Per group, its pattern's period in bytes: the product of its primes. */
    private static final int[] PERIODS = new int[PRESIEVED.length];

    /** Per class of p mod 30 (by its bit index), per lane k: floor((p mod 30) * r_k / 30). */
    private static final int[][] FRACTION = new int[8][8];

    /** Per class of p mod 30, per lane k: the bit of the number p * r_k (mod 30). */
    private static final byte[][] LANE_BIT = new byte[8][8];

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        Arrays.fill(BIT_OF, -1);
        for (int i = 0; i < RESIDUES.length; i++) {
            BIT_OF[RESIDUES[i]] = i;
        }
        for (int c = 0; c < 8; c++) {
            for (int k = 0; k < 8; k++) {
                FRACTION[c][k] = RESIDUES[c] * RESIDUES[k] / 30;
                LANE_BIT[c][k] = (byte) (1 << BIT_OF[RESIDUES[c] * RESIDUES[k] % 30]);
            }
        }
        for (int g = 0; g < PRESIEVED.length; g++) {
            int period = 1;
            for (int p : PRESIEVED[g]) {
                period *= p;
            }
            PERIODS[g] = period;
            // the pattern repeated until a window of a block from any phase fits: byte b has the
            // bits of the numbers 30b + r divisible by a prime of the group
            int words = (period + BLOCK_BYTES) / 8 + 2;
            byte[] pattern = new byte[8 * words + 8];
            for (int p : PRESIEVED[g]) {
                for (int lane = 0; lane < 8; lane++) {
                    int b = 0;                                // one b in each p bytes
                    while ((30 * b + RESIDUES[lane]) % p != 0) {
                        b++;
                    }
                    for (; b < pattern.length; b += p) {
                        pattern[b] |= (byte) (1 << lane);
                    }
                }
            }
            for (int k = 0; k < 8; k++) {
                PATTERNS[g][k] = new long[words];
                ByteBuffer.wrap(pattern, k, 8 * words).slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(PATTERNS[g][k]);
            }
        }
    }

    private WheelSieve() {
    }

    /** The primes p with {@code from <= p < to}, for {@code 0 <= from < to <= 2^62 + 1}. */
    static long count(long from, long to) {
        long count = 0;
        for (int p : new int[] {2, 3, 5}) {
            if (from <= p && p < to) {
                count++;
            }
        }
        long firstByte = from / 30;
        long endByte = (to - 1) / 30 + 1;                    // exclusive
        int[] basePrimes = Primes.oddPrimesUpTo(Primes.isqrt(to - 1));
        Lanes lanes = new Lanes(basePrimes, firstByte, endByte);

        // No larger than the range needs (whole longs): a small range in a 512 KB array was most of
        // its cost, zeroing it, and with the parallel collector 15-96 ms for sieve:10^7's 64 ranges.
        byte[] seg = new byte[(int) Math.min(SEGMENT_BYTES, (endByte - firstByte + 7) & ~7L)];
        LongBuffer segWords = ByteBuffer.wrap(seg).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        long[] block = new long[BLOCK_BYTES / 8];
        for (long segStart = firstByte; segStart < endByte; segStart += SEGMENT_BYTES) {
            int len = (int) Math.min(SEGMENT_BYTES, endByte - segStart);
            lanes.strike(seg, segStart, len, segWords, block);
            if (segStart == 0) {
                seg[0] |= 1;                                  // 1 is not prime
            }
            if (segStart <= PRESIEVED_UP_TO / 30) {
                for (int[] group : PRESIEVED) {
                    for (int p : group) {                     // the patterns struck the presieved primes themselves
                        if (p / 30 >= segStart && p / 30 < segStart + len) {
                            seg[(int) (p / 30 - segStart)] &= (byte) ~(1 << BIT_OF[p % 30]);
                        }
                    }
                }
            }
            if (segStart == firstByte) {
                seg[0] |= outside(from, segStart, true);
            }
            if (segStart + len == endByte) {
                seg[len - 1] |= outside(to, segStart + len - 1, false);
            }
            count += zeros(seg, len);
        }
        return count;
    }

    /** The bits of byte b whose numbers lie below {@code bound} (low) or at or above it (high). */
    private static byte outside(long bound, long b, boolean below) {
        int mask = 0;
        for (int i = 0; i < 8; i++) {
            long n = 30 * b + RESIDUES[i];
            if (below ? n < bound : n >= bound) {
                mask |= 1 << i;
            }
        }
        return (byte) mask;
    }

    /** Fills the first {@code len} bytes of {@code words} with the pre-sieve patterns for the bytes from {@code start} on. */
    private static void presieve(long[] words, long start, int len) {
        int n = (len + 7) / 8;
        int[] at = new int[PATTERNS.length];                 // where each pattern's window begins
        for (int g = 0; g < at.length; g++) {
            at[g] = (int) (start % PERIODS[g]);
        }
        System.arraycopy(window(0, at), at[0] >>> 3, words, 0, n);
        int g = 1;
        for (; g + 3 < PATTERNS.length; g += 4) {
            long[] a = window(g, at);
            long[] b = window(g + 1, at);
            long[] c = window(g + 2, at);
            long[] d = window(g + 3, at);
            int fa = at[g] >>> 3;
            int fb = at[g + 1] >>> 3;
            int fc = at[g + 2] >>> 3;
            int fd = at[g + 3] >>> 3;
            for (int i = 0; i < n; i++) {
                words[i] |= a[fa + i] | b[fb + i] | c[fc + i] | d[fd + i];
            }
        }
        for (; g < PATTERNS.length; g++) {
            long[] a = window(g, at);
            int fa = at[g] >>> 3;
            for (int i = 0; i < n; i++) {
                words[i] |= a[fa + i];
            }
        }
    }

    /** Group g's pattern in the phase its window starts at: read from long {@code at[g] / 8} on. */
    private static long[] window(int g, int[] at) {
        return PATTERNS[g][at[g] & 7];
    }

    private static long zeros(byte[] seg, int len) {
        long set = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            set += Long.bitCount((long) LONGS.get(seg, i));
        }
        for (; i < len; i++) {
            set += Integer.bitCount(seg[i] & 0xff);
        }
        return 8L * len - set;
    }

    /**
     * Where each base prime strikes next. Primes below a segment's length are one entry each (the
     * base byte of the next cycle and the lane to strike next in it), visited block by block or
     * segment by segment. Larger ones are 8 lanes each, filed in a ring of buckets by the segment
     * they hit next; such a prime joins the ring only when the segments reach its square (before
     * that it has nothing to strike), so no lane waits in the ring longer than one turn.
     */
    private static final class Lanes {
        // Small and medium primes, one entry each: the multiples p*(30m + r_k) of cycle m lie at
        // bytes p*m + floor(p*r_k/30), and the entry keeps the next cycle's base byte p*m and the
        // wheel index k of the next lane to strike in it.
        private final int[] smallPrime;
        private final long[] smallCycle;    // absolute byte p*m
        private final byte[] smallWheel;    // 0..7
        private final int smallCount;
        private final int mediumFrom;       // entries from here on are medium primes

        private final long firstByte;
        private final int[] large;          // the large primes, ascending
        private int joined;                 // large primes [0, joined) have had their lanes made
        private final long endByte;
        // Large lanes, made as their primes join, and only those with something to strike before
        // endByte (a short window high up needs few of the primes below its square root); a bucket
        // is a singly linked list of lanes.
        private int lanes;
        private int[] largePrime = new int[64];
        private long[] largeNext = new long[64];
        private byte[] largeBit = new byte[64];
        private int[] link = new int[64];   // the next lane in the same bucket, -1 at the end
        private final int[] bucketHead;     // per ring slot, its first lane, -1 when empty

        Lanes(int[] basePrimes, long firstByte, long endByte) {
            this.firstByte = firstByte;
            this.endByte = endByte;
            int from = 0;
            while (from < basePrimes.length && basePrimes[from] <= PRESIEVED_UP_TO) {
                from++;
            }
            int split = from;
            while (split < basePrimes.length && basePrimes[split] < SEGMENT_BYTES) {
                split++;
            }
            int medium = split;
            while (medium > from && basePrimes[medium - 1] >= SMALL_BELOW) {
                medium--;
            }
            mediumFrom = medium - from;
            smallCount = split - from;
            smallPrime = Arrays.copyOfRange(basePrimes, from, split);
            smallCycle = new long[smallCount];
            smallWheel = new byte[smallCount];
            for (int i = 0; i < smallCount; i++) {
                int p = smallPrime[i];
                // the first q coprime to 30 with q >= p and p*q >= 30 * firstByte
                long q = Math.max(p, (30 * firstByte + p - 1) / p);
                while (BIT_OF[(int) (q % 30)] < 0) {
                    q++;
                }
                smallCycle[i] = p * (q / 30);
                smallWheel[i] = (byte) BIT_OF[(int) (q % 30)];
            }
            large = Arrays.copyOfRange(basePrimes, split, basePrimes.length);
            // A lane moves on at most p bytes, and joins at most p bytes past the segment it joins
            // in: this many slots ahead of the current one are enough.
            int maxPrime = large.length == 0 ? 0 : large[large.length - 1];
            bucketHead = new int[maxPrime / SEGMENT_BYTES + 3];
            Arrays.fill(bucketHead, -1);
        }

        /** The byte of the first multiple p*q to strike in lane k: q = RESIDUES[k] mod 30, q >= p, p*q >= 30 * firstByte. */
        private long firstMultiple(int p, int lane) {
            long qMin = Math.max(p, (30 * firstByte + p - 1) / p);
            long q = qMin + Math.floorMod(RESIDUES[lane] - qMin, 30);
            return p * q / 30;
        }

        /**
         * Strikes entry i's multiples in {@code seg[.., end)}, where {@code seg[0]} is byte
         * {@code segStart}: first the rest of a cycle the last window cut (entering the unrolled
         * cycle at its next lane, as primesieve does), then whole cycles, 8 bytes per step from one
         * index, then the part of a cycle before the window's end, unrolled the same way. The
         * unrolling matters: a prime of 50,000 makes only about 10 whole cycles in a segment, and
         * this method's own share of pi(10^10), the heads and tails, is about a fifth.
         */
        @SuppressWarnings("fallthrough")                     // the head enters the unrolled cycle at lane w
        private void strikeSmall(byte[] seg, long segStart, int end, int i) {
            int p = smallPrime[i];
            int d = p / 30;
            int c = BIT_OF[p % 30];
            int[] frac = FRACTION[c];
            byte[] bits = LANE_BIT[c];
            int o0 = d + frac[0];
            int o1 = 7 * d + frac[1];
            int o2 = 11 * d + frac[2];
            int o3 = 13 * d + frac[3];
            int o4 = 17 * d + frac[4];
            int o5 = 19 * d + frac[5];
            int o6 = 23 * d + frac[6];
            int o7 = 29 * d + frac[7];
            int j = (int) (smallCycle[i] - segStart);       // may be negative: a cycle the last window cut
            int w = smallWheel[i];
            if (w != 0) {
                switch (w) {                                  // falls through from lane w to lane 7
                    case 1:
                        if (j + o1 >= end) {
                            smallWheel[i] = 1;
                            return;
                        }
                        seg[j + o1] |= bits[1];
                    case 2:
                        if (j + o2 >= end) {
                            smallWheel[i] = 2;
                            return;
                        }
                        seg[j + o2] |= bits[2];
                    case 3:
                        if (j + o3 >= end) {
                            smallWheel[i] = 3;
                            return;
                        }
                        seg[j + o3] |= bits[3];
                    case 4:
                        if (j + o4 >= end) {
                            smallWheel[i] = 4;
                            return;
                        }
                        seg[j + o4] |= bits[4];
                    case 5:
                        if (j + o5 >= end) {
                            smallWheel[i] = 5;
                            return;
                        }
                        seg[j + o5] |= bits[5];
                    case 6:
                        if (j + o6 >= end) {
                            smallWheel[i] = 6;
                            return;
                        }
                        seg[j + o6] |= bits[6];
                    case 7:
                        if (j + o7 >= end) {
                            smallWheel[i] = 7;
                            return;
                        }
                        seg[j + o7] |= bits[7];
                    default:
                        break;
                }
                j += p;
            }
            j = cycles(seg, j, end - o7, p, c, o0, o1, o2, o3, o4, o5, o6, o7);
            smallCycle[i] = segStart + j;                     // j + o7 >= end: lane 7 is never struck here
            if (j + o0 >= end) {
                smallWheel[i] = 0;
                return;
            }
            seg[j + o0] |= bits[0];
            if (j + o1 >= end) {
                smallWheel[i] = 1;
                return;
            }
            seg[j + o1] |= bits[1];
            if (j + o2 >= end) {
                smallWheel[i] = 2;
                return;
            }
            seg[j + o2] |= bits[2];
            if (j + o3 >= end) {
                smallWheel[i] = 3;
                return;
            }
            seg[j + o3] |= bits[3];
            if (j + o4 >= end) {
                smallWheel[i] = 4;
                return;
            }
            seg[j + o4] |= bits[4];
            if (j + o5 >= end) {
                smallWheel[i] = 5;
                return;
            }
            seg[j + o5] |= bits[5];
            if (j + o6 >= end) {
                smallWheel[i] = 6;
                return;
            }
            seg[j + o6] |= bits[6];
            smallWheel[i] = 7;
        }

        /**
         * Strikes whole cycles from byte j on while {@code j < stop}, and returns the next cycle's j:
         * one loop per class c (the bit index of p mod 30), its 8 bits the constants of
         * {@code LANE_BIT[c]}.
         */
        private static int cycles(byte[] seg, int j, int stop, int p, int c, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7) {
            switch (c) {
                case 0 -> {
                    for (; j < stop; j += p) {
                        seg[j + o0] |= 0x1;
                        seg[j + o1] |= 0x2;
                        seg[j + o2] |= 0x4;
                        seg[j + o3] |= 0x8;
                        seg[j + o4] |= 0x10;
                        seg[j + o5] |= 0x20;
                        seg[j + o6] |= 0x40;
                        seg[j + o7] |= (byte) 0x80;
                    }
                }
                case 1 -> {
                    for (; j < stop; j += p) {
                        seg[j + o0] |= 0x2;
                        seg[j + o1] |= 0x20;
                        seg[j + o2] |= 0x10;
                        seg[j + o3] |= 0x1;
                        seg[j + o4] |= (byte) 0x80;
                        seg[j + o5] |= 0x8;
                        seg[j + o6] |= 0x4;
                        seg[j + o7] |= 0x40;
                    }
                }
                case 2 -> {
                    for (; j < stop; j += p) {
                        seg[j + o0] |= 0x4;
                        seg[j + o1] |= 0x10;
                        seg[j + o2] |= 0x1;
                        seg[j + o3] |= 0x40;
                        seg[j + o4] |= 0x2;
                        seg[j + o5] |= (byte) 0x80;
                        seg[j + o6] |= 0x8;
                        seg[j + o7] |= 0x20;
                    }
                }
                case 3 -> {
                    for (; j < stop; j += p) {
                        seg[j + o0] |= 0x8;
                        seg[j + o1] |= 0x1;
                        seg[j + o2] |= 0x40;
                        seg[j + o3] |= 0x20;
                        seg[j + o4] |= 0x4;
                        seg[j + o5] |= 0x2;
                        seg[j + o6] |= (byte) 0x80;
                        seg[j + o7] |= 0x10;
                    }
                }
                case 4 -> {
                    for (; j < stop; j += p) {
                        seg[j + o0] |= 0x10;
                        seg[j + o1] |= (byte) 0x80;
                        seg[j + o2] |= 0x2;
                        seg[j + o3] |= 0x4;
                        seg[j + o4] |= 0x20;
                        seg[j + o5] |= 0x40;
                        seg[j + o6] |= 0x1;
                        seg[j + o7] |= 0x8;
                    }
                }
                case 5 -> {
                    for (; j < stop; j += p) {
                        seg[j + o0] |= 0x20;
                        seg[j + o1] |= 0x8;
                        seg[j + o2] |= (byte) 0x80;
                        seg[j + o3] |= 0x2;
                        seg[j + o4] |= 0x40;
                        seg[j + o5] |= 0x1;
                        seg[j + o6] |= 0x10;
                        seg[j + o7] |= 0x4;
                    }
                }
                case 6 -> {
                    for (; j < stop; j += p) {
                        seg[j + o0] |= 0x40;
                        seg[j + o1] |= 0x4;
                        seg[j + o2] |= 0x8;
                        seg[j + o3] |= (byte) 0x80;
                        seg[j + o4] |= 0x1;
                        seg[j + o5] |= 0x10;
                        seg[j + o6] |= 0x20;
                        seg[j + o7] |= 0x2;
                    }
                }
                case 7 -> {
                    for (; j < stop; j += p) {
                        seg[j + o0] |= (byte) 0x80;
                        seg[j + o1] |= 0x40;
                        seg[j + o2] |= 0x20;
                        seg[j + o3] |= 0x10;
                        seg[j + o4] |= 0x8;
                        seg[j + o5] |= 0x4;
                        seg[j + o6] |= 0x2;
                        seg[j + o7] |= 0x1;
                    }
                }
                default -> throw new AssertionError(c);
            }
            return j;
        }

        private void add(int p, long at, byte bit) {
            if (lanes == largeNext.length) {
                int grown = 2 * lanes;
                largePrime = Arrays.copyOf(largePrime, grown);
                largeNext = Arrays.copyOf(largeNext, grown);
                largeBit = Arrays.copyOf(largeBit, grown);
                link = Arrays.copyOf(link, grown);
            }
            largePrime[lanes] = p;
            largeNext[lanes] = at;
            largeBit[lanes] = bit;
            file(lanes, at);
            lanes++;
        }

        /** Puts large lane l into the bucket of the segment that byte {@code at} falls in. */
        private void file(int l, long at) {
            int slot = (int) ((at - firstByte) / SEGMENT_BYTES % bucketHead.length);
            link[l] = bucketHead[slot];
            bucketHead[slot] = l;
        }

        void strike(byte[] seg, long segStart, int len, LongBuffer segWords, long[] words) {
            long segEnd = segStart + len;
            for (int block = 0; block < len; block += BLOCK_BYTES) {
                int end = Math.min(len, block + BLOCK_BYTES);
                presieve(words, segStart + block, end - block);
                segWords.put(block / 8, words, 0, (end - block + 7) / 8);
                    for (int i = 0; i < mediumFrom; i++) {
                    strikeSmall(seg, segStart, end, i);
                }
            }
            for (int i = mediumFrom; i < smallCount; i++) {
                strikeSmall(seg, segStart, len, i);
            }
            if (large.length == 0) {
                return;
            }
            // Large primes whose first multiple may fall in this segment join the ring now.
            while (joined < large.length && (long) large[joined] * large[joined] / 30 < segEnd) {
                int p = large[joined];
                for (int lane = 0; lane < 8; lane++) {
                    long at = firstMultiple(p, lane);
                    if (at < endByte) {
                        add(p, at, LANE_BIT[BIT_OF[p % 30]][lane]);
                    }
                }
                joined++;
            }
            int slot = (int) ((segStart - firstByte) / SEGMENT_BYTES % bucketHead.length);
            int l = bucketHead[slot];
            bucketHead[slot] = -1;
            while (l >= 0) {
                int following = link[l];
                long at = largeNext[l];
                if (at < segEnd) {
                    seg[(int) (at - segStart)] |= largeBit[l];
                    at += largePrime[l];
                    largeNext[l] = at;
                }
                if (at < endByte) {
                    file(l, at);
                }
                l = following;
            }
        }
    }
}
