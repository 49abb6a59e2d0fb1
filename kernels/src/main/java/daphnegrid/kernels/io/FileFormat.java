package daphnegrid.kernels.io;

import daphnegrid.kernels.KernelException;

/** The matrix file formats, chosen by file-name extension (spec 10.1). */
public enum FileFormat {
  CSV("csv");

  private final String extension;

  FileFormat(String extension) {
    this.extension = extension;
  }

  /** The extension without the dot, e.g. {@code csv}. */
  public String extension() {
    return extension;
  }

  /**
   * The format of a file name: the text after the last '.' of its last path component.
   *
   * @throws KernelException "file extension not supported: '&lt;ext&gt;'" for any other extension
   *     (the empty string when there is none)
   */
  public static FileFormat of(String fileName) {
    String ext = extensionOf(fileName);
    for (FileFormat f : values()) {
      if (f.extension.equals(ext)) {
        return f;
      }
    }
    throw new KernelException("file extension not supported: '" + ext + "'");
  }

  /** The text after the last '.' of the last path component; empty when there is no dot. */
  static String extensionOf(String fileName) {
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    int dot = fileName.lastIndexOf('.');
    return dot > slash ? fileName.substring(dot + 1) : "";
  }
}
