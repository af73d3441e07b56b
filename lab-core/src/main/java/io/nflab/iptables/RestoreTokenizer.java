package io.nflab.iptables;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an iptables-restore rule line into arguments as {@code add_param_to_argv} does: blanks
 * separate, a double-quoted part (backslash escapes inside) ends its argument at the closing quote.
 */
final class RestoreTokenizer {
    private RestoreTokenizer() {
    }

    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder param = new StringBuilder();
        boolean quoteOpen = false;
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoteOpen) {
                if (escaped) {
                    param.append(c);
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    quoteOpen = false;
                    args.add(param.toString());
                    param.setLength(0);
                } else {
                    param.append(c);
                }
                continue;
            }
            if (c == '"') {
                quoteOpen = true;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (param.length() > 0) {
                    args.add(param.toString());
                    param.setLength(0);
                }
            } else {
                param.append(c);
            }
        }
        if (param.length() > 0) {
            args.add(param.toString());
        }
        return args;
    }
}
