package vn.hailong.imports;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A workbook's shared strings (where spreadsheets keep the text of every cell) in a temporary file, each cut
 * to {@link Sheet#MAX_CELL} + 1 characters, looked up through a memory map: POI's own table would hold every
 * string of a million-row sheet on the heap, and a 10 MB cell whole.
 */
final class CappedSharedStrings implements SharedStrings, Closeable {
    private final Path data;
    private final Path index;
    private final int count;
    private final MappedByteBuffer dataMap;
    private final MappedByteBuffer indexMap;

    private CappedSharedStrings(Path data, Path index, int count) throws IOException {
        this.data = data;
        this.index = index;
        this.count = count;
        try (var d = FileChannel.open(data, StandardOpenOption.READ);
             var i = FileChannel.open(index, StandardOpenOption.READ)) {
            this.dataMap = d.map(FileChannel.MapMode.READ_ONLY, 0, d.size());
            this.indexMap = i.map(FileChannel.MapMode.READ_ONLY, 0, i.size());
        }
    }

    static CappedSharedStrings of(OPCPackage workbook) throws IOException, SAXException {
        var data = Files.createTempFile("hailong-strings", ".bin");
        var index = Files.createTempFile("hailong-strings", ".idx");
        try {
            var writer = new Writer(data, index);
            try (writer) {
                var parts = workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
                if (!parts.isEmpty()) {
                    try (var in = parts.get(0).getInputStream()) {
                        var parser = XMLHelper.newXMLReader();
                        parser.setContentHandler(writer);
                        parser.parse(new InputSource(in));
                    }
                }
            }
            return new CappedSharedStrings(data, index, writer.count);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            Files.deleteIfExists(data);
            Files.deleteIfExists(index);
            throw new SAXException(e);
        } catch (IOException | SAXException | RuntimeException e) {
            Files.deleteIfExists(data);
            Files.deleteIfExists(index);
            throw e;
        }
    }

    @Override
    public RichTextString getItemAt(int idx) {
        if (idx < 0 || idx >= count) {
            throw new IllegalArgumentException("a cell names shared string " + idx + " of " + count);
        }
        int at = (int) indexMap.getLong(idx * 8);
        int length = dataMap.getInt(at);
        var bytes = new byte[length];
        dataMap.get(at + 4, bytes);
        return new XSSFRichTextString(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public int getCount() {
        return count;
    }

    @Override
    public int getUniqueCount() {
        return count;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(data);
        Files.deleteIfExists(index);
    }

    /** Writes each string item (<si>) as it is parsed: its text runs (<t>, not phonetic <rPh>), cut. */
    private static final class Writer extends DefaultHandler implements Closeable {
        private final DataOutputStream data;
        private final DataOutputStream index;
        private final StringBuilder text = new StringBuilder();
        private long offset;
        private boolean inText;
        private boolean inPhonetic;
        int count;

        Writer(Path data, Path index) throws IOException {
            this.data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(data), 1 << 16));
            this.index = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(index), 1 << 16));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName.isEmpty() ? qName : localName) {
                case "si" -> text.setLength(0);
                case "t" -> inText = !inPhonetic;
                case "rPh" -> inPhonetic = true;
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (localName.isEmpty() ? qName : localName) {
                case "t" -> inText = false;
                case "rPh" -> inPhonetic = false;
                case "si" -> write();
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText && text.length() <= Sheet.MAX_CELL) {
                text.append(ch, start, Math.min(length, Sheet.MAX_CELL + 1 - text.length()));
            }
        }

        private void write() throws SAXException {
            try {
                var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                if (offset + 4 + bytes.length > Integer.MAX_VALUE) {
                    throw new SAXException("the workbook holds more than 2 GB of text");
                }
                index.writeLong(offset);
                data.writeInt(bytes.length);
                data.write(bytes);
                offset += 4 + bytes.length;
                count++;
            } catch (IOException e) {
                throw new SAXException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try (data; index) {
                data.flush();
                index.flush();
            }
        }
    }
}
