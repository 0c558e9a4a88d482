package vn.hailong.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (quotes doubled inside quoted cells, any line ending), in UTF-8 with or without
 * a byte-order mark; a header without commas but with semicolons makes semicolons the separator, as some
 * spreadsheet locales save. Read character by character, so a 10 MB cell is skipped over, never held.
 */
final class CsvSheet implements Sheet {
    private static final int END = -1;

    private final Path file;

    CsvSheet(Path file) {
        this.file = file;
    }

    @Override
    public void read(Rows rows) throws IOException, SheetException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.mark(4);
            byte[] start = in.readNBytes(3);
            int bom = start.length == 3 && (start[0] & 0xff) == 0xEF && (start[1] & 0xff) == 0xBB
                    && (start[2] & 0xff) == 0xBF ? 3 : 0;
            if (start.length >= 2 && ((start[0] & 0xff) == 0xFF && (start[1] & 0xff) == 0xFE
                    || (start[0] & 0xff) == 0xFE && (start[1] & 0xff) == 0xFF)) {
                throw new SheetException(1, "the file is UTF-16 text; save it as CSV UTF-8");
            }
            if (start.length == 3 && start[0] == 'P' && start[1] == 'K' && start[2] == 3) {
                throw new SheetException(1, "the file is a ZIP archive (an XLSX workbook?), not CSV text; send a"
                        + " workbook as XLSX");
            }
            in.reset();
            in.skipNBytes(bom);
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            new Tokenizer(in, decoder).run(rows);
        }
    }

    /** One reading: a state machine over a buffer of characters, decoded here so a bad byte is placed exactly. */
    private static final class Tokenizer {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private final char[] buffer = new char[1 << 16];
        private boolean endOfInput;
        private boolean flushed;
        private boolean malformed;
        private int position;
        private int length;
        private int row;
        private char separator = ',';
        private boolean headerSeen;

        Tokenizer(InputStream in, CharsetDecoder decoder) {
            this.in = in;
            this.decoder = decoder;
        }

        void run(Rows rows) throws IOException, SheetException {
            fill();
            separator = separator();
            var cells = new ArrayList<String>();
            var cell = new StringBuilder();
            while (true) {
                row++;
                cells.clear();
                int width = 0;
                boolean quotedAny = false;
                int c;
                do {
                    cell.setLength(0);
                    c = next();
                    if (c == END && width == 0) {
                        return;
                    }
                    if (c == '"') {
                        quotedAny = true;
                        c = quoted(cell);
                    } else {
                        while (c != separator && c != '\n' && c != '\r' && c != END) {
                            append(cell, (char) c);
                            c = next();
                        }
                    }
                    width++;
                    if (cells.size() < MAX_CELLS) {
                        cells.add(cell.toString());
                    }
                } while (c == separator);
                if (c == '\r' && peek() == '\n') {
                    next();
                }
                if (!quotedAny && cells.stream().allMatch(String::isBlank)) {
                    continue; // an empty line, or a row of empty cells as spreadsheets save them
                }
                if (!headerSeen) {
                    headerSeen = true;
                    rows.header(row, List.copyOf(cells));
                } else {
                    rows.row(row, cells.toArray(new String[0]), width);
                }
            }
        }

        /** Reads a quoted cell after its opening quote; returns the character after the closing one. */
        private int quoted(StringBuilder cell) throws IOException, SheetException {
            int startRow = row;
            while (true) {
                int c = next();
                if (c == END) {
                    throw new SheetException(startRow, "a quoted cell is never closed (a \" is missing)");
                }
                if (c == '"') {
                    int after = next();
                    if (after != '"') {
                        if (after != separator && after != '\n' && after != '\r' && after != END) {
                            throw new SheetException(startRow, "text follows a closing quote: write a \" inside a"
                                    + " quoted cell as \"\"");
                        }
                        return after;
                    }
                }
                append(cell, (char) c);
            }
        }

        private static void append(StringBuilder cell, char c) {
            if (cell.length() <= MAX_CELL) {
                cell.append(c);
            }
        }

        /** Semicolons when the first line has some and no comma. */
        private char separator() {
            boolean quoted = false;
            int commas = 0;
            int semicolons = 0;
            for (int i = 0; i < length; i++) {
                char c = buffer[i];
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                } else if (!quoted && c == ',') {
                    commas++;
                } else if (!quoted && c == ';') {
                    semicolons++;
                }
            }
            return commas == 0 && semicolons > 0 ? ';' : ',';
        }

        private int next() throws IOException, SheetException {
            if (position == length && !fill()) {
                return END;
            }
            return buffer[position++];
        }

        private int peek() throws IOException, SheetException {
            if (position == length && !fill()) {
                return END;
            }
            return buffer[position];
        }

        /** Decodes the next characters; bad UTF-8 ends the reading at the row it is in, after what came before it. */
        private boolean fill() throws IOException, SheetException {
            if (malformed) {
                throw new SheetException(Math.max(row, 1), "the file is not UTF-8 text (this row has bytes that UTF-8"
                        + " does not allow); save it as CSV UTF-8");
            }
            var chars = CharBuffer.wrap(buffer);
            while (!flushed) {
                var result = decoder.decode(bytes, chars, endOfInput);
                if (result.isError()) {
                    malformed = true;
                    if (chars.position() == 0) {
                        return fill();
                    }
                    break;
                }
                if (result.isOverflow()) {
                    break;
                }
                if (endOfInput) {
                    decoder.flush(chars);
                    flushed = true;
                    break;
                }
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            position = 0;
            length = chars.position();
            return length > 0;
        }
    }
}
