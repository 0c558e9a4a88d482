package vn.hailong.export;

/**
 * Text for a CSV file a spreadsheet opens: shown, never run. Excel and LibreOffice run a cell starting with
 * {@code = + - @} (or tab, or CR) as a formula; a leading apostrophe makes it text. Which character separates
 * cells depends on the reader's locale: a comma in English, a semicolon in Vietnamese and most of Europe, a tab
 * when pasted. Text cells are written quoted, but a quote holds a separator in only where the reader's cell starts
 * at the quote: a reader splitting {@code 1.5,"abc;=1+1"} on semicolons reads {@code 1.5,"abc} and then a cell
 * starting at {@code =}. So a formula character at the start of the text or just after a separator or line break
 * in it (spaces between allowed) gets the apostrophe: {@code abc;=1+1} is written {@code abc;'=1+1}.
 */
public final class Formulas {
    private static final String FORMULA = "=+-@";
    private static final String SEPARATORS = ",;\t\r\n";

    private Formulas() {
    }

    /** The text with an apostrophe before every place a cell could start a formula; as it was when there is none. */
    public static String defused(String text) {
        StringBuilder out = null;
        boolean cellStart = true; // at the start, or after a separator or line break and spaces
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (cellStart && (FORMULA.indexOf(c) >= 0 || i == 0 && (c == '\t' || c == '\r'))) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append('\'');
            }
            if (out != null) {
                out.append(c);
            }
            cellStart = SEPARATORS.indexOf(c) >= 0 || cellStart && c == ' ';
        }
        return out == null ? text : out.toString();
    }
}
