package vn.hailong.notify;

/** A file attached to an e-mail, made at delivery: its name, its media type and its bytes. */
public record Attachment(String fileName, String contentType, byte[] content) {
}
