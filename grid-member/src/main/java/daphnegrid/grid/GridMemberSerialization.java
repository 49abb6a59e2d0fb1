package daphnegrid.grid;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.SerializationModule;

/**
 * The grid-member module's {@link IdentifiedDataSerializable} types, registered on members and
 * clients through {@code META-INF/services}. The grid tasks (entry processors, aggregators) join
 * this factory with new, append-only class ids.
 */
public final class GridMemberSerialization implements SerializationModule {
  public static final int FACTORY_ID = 7320;
  static final int CONNECTED_CLIENTS = 1;
  public static final int STORE_BLOCK = 2;
  public static final int STORE_PIECE = 3;
  public static final int READ_PIECE = 4;
  public static final int RUN_PROGRAM = 5;
  public static final int PROGRAM_RESULT = 6;
  public static final int GENERATE_BLOCKS = 7;
  public static final int GENERATE_RESULT = 8;
  public static final int MEMBER_STATS = 9;
  public static final int TRANSPOSE_PIECE = 10;
  static final int MEMBER_STATUS = 11;
  static final int MEMBER_STATUS_QUERY = 12;
  public static final int BLOCK_BYTES = 13;
  public static final int READ_BLOCK = 14;
  public static final int HEAP_REPORT = 21;
  public static final int CSR_TASK = 30;
  public static final int CSR_RESULT = 31;
  public static final int STORE_CSR_PIECE = 40;
  public static final int READ_CSR_PIECE = 41;
  public static final int READ_FRAME_BLOCKS = 22;
  public static final int SCAN_FRAME_BLOCKS = 23;
  public static final int FRAME_SCAN_RESULT = 24;
  public static final int AGGREGATE_FRAME_BLOCKS = 25;
  public static final int JOIN_FRAME_BLOCKS = 26;
  public static final int STORE_FRAME_PIECE = 27;
  public static final int READ_FRAME_PIECE = 28;
  public static final int SHUFFLE_BATCH = 29;
  public static final int COUNT_LINE_BREAKS = 42;

  @Override
  public int factoryId() {
    return FACTORY_ID;
  }

  @Override
  public void register(SerializationConfig config) {
    config.addDataSerializableFactory(FACTORY_ID, GridMemberSerialization::create);
  }

  private static IdentifiedDataSerializable create(int classId) {
    return switch (classId) {
      case CONNECTED_CLIENTS -> new ConnectedClients();
      case STORE_BLOCK -> new daphnegrid.grid.tasks.StoreBlock();
      case STORE_PIECE -> new daphnegrid.grid.tasks.StorePiece();
      case READ_PIECE -> new daphnegrid.grid.tasks.ReadPiece();
      case RUN_PROGRAM -> new daphnegrid.grid.tasks.RunProgram();
      case PROGRAM_RESULT -> new daphnegrid.grid.tasks.ProgramResult();
      case GENERATE_BLOCKS -> new daphnegrid.grid.tasks.GenerateBlocks();
      case GENERATE_RESULT -> new daphnegrid.grid.tasks.GenerateResult();
      case MEMBER_STATS -> new daphnegrid.grid.tasks.MemberStats();
      case TRANSPOSE_PIECE -> new daphnegrid.grid.jet.TransposePiece();
      case MEMBER_STATUS -> new MemberStatus();
      case MEMBER_STATUS_QUERY -> new MemberStatus.Query();
      case BLOCK_BYTES -> new daphnegrid.grid.metrics.BlockBytes();
      case READ_BLOCK -> new daphnegrid.grid.tasks.ReadBlock();
      case HEAP_REPORT -> new daphnegrid.grid.tasks.HeapReport();
      case CSR_TASK -> new daphnegrid.grid.tasks.CsrTask();
      case CSR_RESULT -> new daphnegrid.grid.tasks.CsrResult();
      case STORE_CSR_PIECE -> new daphnegrid.grid.tasks.StoreCsrPiece();
      case READ_CSR_PIECE -> new daphnegrid.grid.tasks.ReadCsrPiece();
      case READ_FRAME_BLOCKS -> new daphnegrid.grid.tasks.ReadFrameBlocks();
      case SCAN_FRAME_BLOCKS -> new daphnegrid.grid.tasks.ScanFrameBlocks();
      case FRAME_SCAN_RESULT -> new daphnegrid.grid.tasks.FrameScanResult();
      case AGGREGATE_FRAME_BLOCKS -> new daphnegrid.grid.tasks.AggregateFrameBlocks();
      case JOIN_FRAME_BLOCKS -> new daphnegrid.grid.tasks.JoinFrameBlocks();
      case STORE_FRAME_PIECE -> new daphnegrid.grid.tasks.StoreFramePiece();
      case READ_FRAME_PIECE -> new daphnegrid.grid.tasks.ReadFramePiece();
      case SHUFFLE_BATCH -> new daphnegrid.grid.jet.ShuffleBatch();
      case COUNT_LINE_BREAKS -> new daphnegrid.grid.tasks.CountLineBreaks();
      default -> null;
    };
  }
}
