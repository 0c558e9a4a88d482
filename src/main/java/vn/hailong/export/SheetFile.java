package vn.hailong.export;

import java.io.IOException;

/** A sheet that is a file: finished when every row is written, or discarded when writing failed. */
interface SheetFile extends Sheet {
    /** Completes the file; the stream underneath stays open (the server closes it). */
    void finish() throws IOException;

    /** Frees what the file held (temporary files) without completing it. */
    void discard();
}
