package vn.hailong.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import vn.hailong.http.Invalid;

/** E-mail addresses as people type them: one plain address (name@example.gov.vn), at most 254 characters. */
public final class Emails {
    static final int MAX_LENGTH = 254;

    private Emails() {
    }

    /** The address, trimmed; null for null or blank; 422 naming {@code field} when it is no single plain address. */
    public static String optional(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var address = value.strip();
        if (address.length() > MAX_LENGTH) {
            throw Invalid.field(field, "is longer than " + MAX_LENGTH + " characters");
        }
        if (!address.matches("[^@\\s,;<>()\"]+@[^@\\s,;<>()\"]+\\.[^@\\s,;<>()\".]+")) {
            throw Invalid.field(field, "must be one e-mail address such as ten@example.gov.vn");
        }
        try {
            var parsed = new InternetAddress(address, true);
            if (!parsed.getAddress().equals(address)) {
                throw Invalid.field(field, "must be one e-mail address such as ten@example.gov.vn");
            }
        } catch (AddressException e) {
            throw Invalid.field(field, "must be one e-mail address such as ten@example.gov.vn");
        }
        return address;
    }
}
