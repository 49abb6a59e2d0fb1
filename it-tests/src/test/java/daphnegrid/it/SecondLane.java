package daphnegrid.it;

/**
 * The second lane of the end-to-end tests. Most test classes run one at a time in JUnit's main
 * thread; the classes holding this resource lock (and marked {@code @Execution(CONCURRENT)}) run
 * one at a time in a second thread beside them (junit-platform.properties). They are the fault,
 * deployment and guard drills that spend most of their time waiting — on links, paused workers,
 * heartbeats, daemons — and whose workers use addresses or ports of their own, so they share
 * nothing with the tests of the first lane.
 */
public final class SecondLane {
  /** The JUnit resource lock of the second lane. */
  public static final String LOCK = "daphnegrid.second-lane";

  private SecondLane() {}
}
