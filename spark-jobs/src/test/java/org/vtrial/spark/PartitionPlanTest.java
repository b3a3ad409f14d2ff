package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link PartitionPlan#count}, by hand: ceil(work / seconds), spread over the cores once each share is worth 0.25 s. */
class PartitionPlanTest {

    @Test
    void partitionsHoldTheTargetWork() {
        // 1e6 quickstart patients at ~200 us of a core each = 200 s, 4 s per partition: 50
        assertEquals(50, PartitionPlan.count(200.0, 1_000_000, 4.0, 2));
        // 201 s: 50.25 -> 51
        assertEquals(51, PartitionPlan.count(201.0, 1_000_000, 4.0, 2));
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
