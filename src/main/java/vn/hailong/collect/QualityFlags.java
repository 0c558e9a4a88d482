package vn.hailong.collect;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import vn.hailong.survey.Forms;

/**
 * Marks ratings that deserve a second look, never drops them: straight-lining (the same level for every
 * one of many questions) and bursts (many ratings from one kiosk within a minute, by the time the citizen
 * rated, so an offline kiosk flushing its queue is not mistaken for a burst).
 */
public final class QualityFlags {
    static final String STRAIGHT_LINE = "straightline";
    static final String BURST = "burst";
    static final int STRAIGHT_LINE_MIN_ANSWERS = 8;
    static final int BURST_SIZE = 5;
    static final Duration BURST_WINDOW = Duration.ofSeconds(60);

    private final Map<Long, NavigableSet<Long>> recentByDevice = new ConcurrentHashMap<>();

    public List<String> of(Forms.Form form, Short[] answers, Long deviceId, OffsetDateTime submittedAt) {
        var flags = new ArrayList<String>(2);
        if (straightLined(form, answers)) {
            flags.add(STRAIGHT_LINE);
        }
        if (deviceId != null && burst(deviceId, submittedAt.toInstant().toEpochMilli())) {
            flags.add(BURST);
        }
        return flags;
    }

    static boolean straightLined(Forms.Form form, Short[] answers) {
        Short first = null;
        int answered = 0;
        for (var q : form.questions().values()) {
            if (!q.kind().equals("rating")) {
                continue;
            }
            var level = answers[q.position() - 1];
            if (level == null) {
                continue;
            }
            if (first != null && !first.equals(level)) {
                return false;
            }
            first = level;
            answered++;
        }
        return answered >= STRAIGHT_LINE_MIN_ANSWERS;
    }

    /** True when this rating makes BURST_SIZE or more from the device within one window. */
    private boolean burst(long deviceId, long at) {
        var times = recentByDevice.computeIfAbsent(deviceId, d -> new ConcurrentSkipListSet<>());
        // Ties in milliseconds still count as separate ratings.
        long key = at;
        while (!times.add(key)) {
            key++;
        }
        long window = BURST_WINDOW.toMillis();
        times.headSet(at - 10 * window).clear();
        return times.subSet(at - window, true, key, true).size() >= BURST_SIZE
                || times.subSet(key, true, at + window, true).size() >= BURST_SIZE;
    }
}
