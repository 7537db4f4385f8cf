package dev.localbridge.anthropic;

/** How a text document is shown to a model that has no document blocks: its title and context, then its text. */
public final class DocumentText {
    private DocumentText() {
    }

    public static String render(ContentBlock.Document document) {
        StringBuilder out = new StringBuilder();
        if (document.title() != null && !document.title().isBlank()) {
            out.append("Document: ").append(document.title()).append('\n');
        }
        if (document.context() != null && !document.context().isBlank()) {
            out.append("Context: ").append(document.context()).append('\n');
        }
        if (!out.isEmpty()) {
            out.append('\n');
        }
        return out.append(document.text()).toString();
    }
}
