package dev.localbridge.translate;

import dev.localbridge.anthropic.ContentBlock;
import dev.localbridge.anthropic.Message;
import dev.localbridge.anthropic.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Shapes the inbound conversation for chat templates that accept one leading system message and strict
 * user/assistant alternation.
 *
 * <p>System messages before the first turn join the system prompt. Later ones (Claude Code ≥ 2.1.154 sends
 * them) become {@code <system-reminder>} text in the neighbouring user turn, so the prompt prefix before them
 * stays byte-identical and the backend's prompt cache keeps hitting. Consecutive turns of one role merge.
 */
final class Conversation {
    static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header:";

    private Conversation() {
    }

    record Shaped(String system, List<Message> turns) {
    }

    static Shaped shape(List<ContentBlock.Text> systemBlocks, List<Message> messages) {
        StringBuilder system = new StringBuilder();
        for (ContentBlock.Text block : systemBlocks) {
            if (!block.text().startsWith(BILLING_HEADER_PREFIX)) {
                appendLine(system, block.text());
            }
        }
        int first = 0;
        while (first < messages.size() && messages.get(first).role() == Role.SYSTEM) {
            for (ContentBlock block : messages.get(first).content()) {
                appendLine(system, ((ContentBlock.Text) block).text());
            }
            first++;
        }
        List<Message> turns = new ArrayList<>(messages.size() - first);
        for (Message message : messages.subList(first, messages.size())) {
            Message turn = message.role() == Role.SYSTEM ? asReminder(message) : message;
            int last = turns.size() - 1;
            if (last >= 0 && turns.get(last).role() == turn.role()) {
                turns.set(last, merge(turns.get(last), turn));
            } else {
                turns.add(turn);
            }
        }
        return new Shaped(system.toString(), turns);
    }

    private static Message asReminder(Message system) {
        List<ContentBlock> blocks = new ArrayList<>(system.content().size());
        for (ContentBlock block : system.content()) {
            blocks.add(new ContentBlock.Text("<system-reminder>\n" + ((ContentBlock.Text) block).text()
                    + "\n</system-reminder>"));
        }
        return new Message(Role.USER, blocks);
    }

    private static Message merge(Message first, Message second) {
        List<ContentBlock> blocks = new ArrayList<>(first.content().size() + second.content().size());
        blocks.addAll(first.content());
        blocks.addAll(second.content());
        return new Message(first.role(), blocks);
    }

    private static void appendLine(StringBuilder out, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append(text);
    }
}
