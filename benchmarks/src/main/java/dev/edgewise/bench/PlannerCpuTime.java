package dev.edgewise.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The {@code newReplicas} plan of {@link PlannerBenchmark} timed in the planning thread's CPU time
 * rather than wall time, for a machine shared with other work, where JMH's wall-clock scores swing
 * with the load. Prints the median over rounds of plans and placements per CPU-second.
 *
 * <p>Usage: {@code PlannerCpuTime [nodes] [rounds]}.
 */
public final class PlannerCpuTime {
  private static final long ROUND_CPU_NANOS = 1_000_000_000L;

  private PlannerCpuTime() {}

  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    PlannerBenchmark benchmark = new PlannerBenchmark();
    benchmark.nodes = nodes;
    benchmark.setUp();
    PlannerBenchmark.Placements counter = new PlannerBenchmark.Placements();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int warmup = 0; warmup < 3; warmup++) {
      round(benchmark, counter, threads);
    }
    double[] plansPerCpuSecond = new double[rounds];
    double placementsPerPlan = 0;
    for (int r = 0; r < rounds; r++) {
      counter.placements = 0;
      long[] plansAndNanos = round(benchmark, counter, threads);
      plansPerCpuSecond[r] = plansAndNanos[0] * 1e9 / plansAndNanos[1];
      placementsPerPlan = (double) counter.placements / plansAndNanos[0];
    }
    Arrays.sort(plansPerCpuSecond);
    double median = plansPerCpuSecond[rounds / 2];
    System.out.printf(
        "newReplicas nodes=%d: %.0f plans per CPU-second, %.0f placements per CPU-second"
            + " (median of %d rounds of 1 CPU-second; min %.0f, max %.0f plans)%n",
        nodes,
        median,
        median * placementsPerPlan,
        rounds,
        plansPerCpuSecond[0],
        plansPerCpuSecond[rounds - 1]);
  }

  /** Plans until a CPU-second is spent; returns the plans and the CPU nanoseconds. */
  private static long[] round(
      PlannerBenchmark benchmark, PlannerBenchmark.Placements counter, ThreadMXBean threads) {
    long start = threads.getCurrentThreadCpuTime();
    long plans = 0;
    long spent;
    do {
      for (int i = 0; i < 100; i++) {
        benchmark.newReplicas(counter);
      }
      plans += 100;
      spent = threads.getCurrentThreadCpuTime() - start;
    } while (spent < ROUND_CPU_NANOS);
    return new long[] {plans, spent};
  }
}
