package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link PartitionPlan#count}, by hand: ceil(work / seconds), spread over the cores once each share is worth 0.25 s. */
class PartitionPlanTest {

    @Test
    void partitionsHoldTheTargetWork() {
        // 1e6 quickstart patients at ~200 us of a core each = 200 s, 4 s per partition: 50
        assertEquals(50, PartitionPlan.count(200.0, 1_000_000, 4.0, 2));
        // 201 s: 50.25 -> 51, then whole waves of 2 cores: 52
        assertEquals(52, PartitionPlan.count(201.0, 1_000_000, 4.0, 2));
    }

    @Test
    void theLastWaveIsFull() {
        // 10^5 patients, 24 s of work: 6 partitions of 4 s on 2 cores (5 of 4.8 s would idle a core for one)
        assertEquals(6, PartitionPlan.count(20.5, 100_000, 4.0, 2));
        // 8 cores, 36 s: 9 partitions -> 16 (two full waves of 2.25 s)
        assertEquals(16, PartitionPlan.count(36.0, 100_000, 4.0, 8));
        // within one wave nothing changes: 1.5 s on 8 cores is worth 6 shares of 0.25 s, not 8
        assertEquals(6, PartitionPlan.count(1.5, 100_000, 4.0, 8));
        // never more partitions than items
        assertEquals(5, PartitionPlan.count(20.5, 5, 4.0, 2));
    }

    @Test
    void smallJobsUseEveryCoreOnlyWhenWorthIt() {
        // 10^4 patients, 2 s of work: one 4-s partition would leave a core idle; 2 x 1 s
        assertEquals(2, PartitionPlan.count(2.0, 10_000, 4.0, 2));
        // 0.6 s over 8 cores: only 2 shares of 0.25 s are worth it
        assertEquals(2, PartitionPlan.count(0.6, 10_000, 4.0, 8));
        // the quickstart's 400 patients, 0.08 s: one partition
        assertEquals(1, PartitionPlan.count(0.08, 400, 4.0, 2));
    }

    @Test
    void boundedByItemsAndByTheMaximum() {
        assertEquals(3, PartitionPlan.count(100.0, 3, 1.0, 2));
        assertEquals(1, PartitionPlan.count(0.0, 0, 4.0, 2));
        assertEquals(PartitionPlan.MAX_PARTITIONS, PartitionPlan.count(1e9, Long.MAX_VALUE, 1.0, 2));
    }
}
