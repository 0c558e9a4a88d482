package vn.hailong.export;

import java.io.IOException;
import java.util.List;

/**
 * One table being written row by row. Cells may be text, numbers (kept as numbers), booleans, dates and
 * local date-times, or null for an empty cell.
 */
public interface Sheet {
    void row(List<?> cells) throws IOException;
}
