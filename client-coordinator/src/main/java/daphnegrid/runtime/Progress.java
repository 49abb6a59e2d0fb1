package daphnegrid.runtime;

import daphnegrid.dsl.Span;

/**
 * Where a run reports how far it is: the statement running, and the grid work it waits for (a
 * program or a Jet job) with its blocks done out of its blocks total. {@link #NONE} ignores
 * everything; the CLI's terminal line draws it. Calls come from the script's thread.
 */
public interface Progress {
  /** Reports nothing. */
  Progress NONE =
      new Progress() {
        @Override
        public void statement(Span at) {}

        @Override
        public void started(String work, int blocks) {}

        @Override
        public void blocksDone(int blocks) {}

        @Override
        public void finished() {}
      };

  /** A statement starts. */
  void statement(Span at);

  /** Grid work of {@code blocks} blocks starts (a program, a generator, a Jet job). */
  void started(String work, int blocks);

  /** More blocks of the work started last are done. */
  void blocksDone(int blocks);

  /** The work started last has ended (done or failed). */
  void finished();
}
