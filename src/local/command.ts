// A command of the `nastavnik` command line.

export interface Command {
  name: string;
  usage: string;
  summary: string;
  help: string;
  /** Runs the command; resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}
