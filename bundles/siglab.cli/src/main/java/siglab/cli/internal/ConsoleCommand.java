package siglab.cli.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code siglab console}: keeps the workbench running and reads commands from standard input, one a
 * line, so that bundles dropped into plugins/ can be used without restarting.
 */
@Command(name = "console", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Keeps the workbench running and reads commands, one a line.",
            "Bundles copied into plugins/ meanwhile are installed and usable at once; removing them uninstalls them.",
            "Type any siglab command without the leading 'siglab' (for example: plugins --kind encoder); 'exit' ends."})
final class ConsoleCommand implements Callable<Integer> {

    static final String PROMPT = "siglab> ";

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ConsoleCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = in.readLine();
            if (line == null || line.trim().equals("exit") || line.trim().equals("quit")) {
                out.println();
                out.flush();
                return 0;
            }
            List<String> words = split(line);
            if (words.isEmpty()) {
                continue;
            }
            if (words.get(0).equals("console")) {
                err.println("siglab console: already in the console");
                continue;
            }
            int code = owner.commandLine(out, err).execute(words.toArray(new String[0]));
            if (code != 0) {
                err.println("(exit code " + code + ")");
            }
            out.flush();
            err.flush();
        }
    }

    /** Splits a command line into words, honouring single and double quotes. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
