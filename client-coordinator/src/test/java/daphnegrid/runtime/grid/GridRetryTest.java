package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.spi.exception.TargetDisconnectedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Requests whose member went silent or left are sent again; other failures are not. */
class GridRetryTest {
  private final GridStats stats = new GridStats();
  private final BlockTransfer transfer = new BlockTransfer(null, 1 << 20, stats);

  /** A message that fails with the given failures, in order, and then succeeds. */
  private static Supplier<CompletionStage<?>> failing(AtomicInteger sends, Throwable... failures) {
    return () -> {
      int n = sends.getAndIncrement();
      return n < failures.length
          ? CompletableFuture.failedFuture(failures[n])
          : CompletableFuture.completedFuture(null);
    };
  }

  @Test
  void aMessageToAMemberThatWentSilentIsSentAgain() {
    AtomicInteger sends = new AtomicInteger();
    BlockTransfer.Window w = transfer.new Window();
    w.add(failing(sends, new TargetDisconnectedException("Heartbeat timed out")));
    w.drain();
    assertEquals(2, sends.get());
    assertEquals(1, stats.messagesResent.get());
  }

  @Test
  void aMemberThatStaysAwayFailsTheRunAfterTheLastAttempt() {
    AtomicInteger sends = new AtomicInteger();
    Throwable[] always = new Throwable[GridRetry.ATTEMPTS + 3];
    for (int i = 0; i < always.length; i++) {
      always[i] = new TargetDisconnectedException("Heartbeat timed out");
    }
    BlockTransfer.Window w = transfer.new Window();
    w.add(failing(sends, always));
    GridFailure f = assertThrows(GridFailure.class, w::drain);
    assertEquals(GridRetry.ATTEMPTS, sends.get());
    assertTrue(f.getMessage().startsWith("grid: moving blocks: TargetDisconnectedException"));
  }

  @Test
  void otherFailuresAreNotSentAgain() {
    AtomicInteger sends = new AtomicInteger();
    BlockTransfer.Window w = transfer.new Window();
    w.add(failing(sends, new IllegalStateException("block (0, 0) of m is missing")));
    GridFailure f = assertThrows(GridFailure.class, w::drain);
    assertEquals(1, sends.get());
    assertEquals(0, stats.messagesResent.get());
    assertTrue(f.getMessage().contains("is missing"), f.getMessage());
  }

  @Test
  void aRequestThatFailedSynchronouslyIsAskedAgain() {
    AtomicInteger asks = new AtomicInteger();
    String answer =
        GridRetry.call(
            () -> {
              if (asks.getAndIncrement() == 0) {
                throw new com.hazelcast.spi.exception.TargetNotMemberException("not a member");
              }
              return "proxy";
            },
            "moving blocks",
            stats);
    assertEquals("proxy", answer);
    assertEquals(2, asks.get());
    assertEquals(1, stats.messagesResent.get());
  }

  @Test
  void aSendThatThrowsIsRetriedLikeAFailedFuture() {
    AtomicInteger sends = new AtomicInteger();
    BlockTransfer.Window w = transfer.new Window();
    w.add(
        () -> {
          if (sends.getAndIncrement() == 0) {
            throw new TargetDisconnectedException("Exception in ClientConnection");
          }
          return CompletableFuture.completedFuture(null);
        });
    w.drain();
    assertEquals(2, sends.get());
  }
}
