/**
 * The posterior warning's stderr line. The text output already carries the warning, so on a terminal
 * (standard output a TTY) the stderr copy would print the same paragraph twice: it is written only
 * where the text does not reach the reader's eye, with --json and when standard output is a pipe or file.
 */
export function stderrWarning(warning: string | null | undefined, json: boolean, stdoutIsTerminal: boolean): string {
  return warning && (json || !stdoutIsTerminal) ? `truce: warning: ${warning}\n` : '';
}

/** Write the posterior warning to stderr when the text output will not show it on this terminal. */
export function warnOnStderr(warning: string | null | undefined, json: boolean | undefined): void {
  process.stderr.write(stderrWarning(warning, json === true, process.stdout.isTTY === true));
}
