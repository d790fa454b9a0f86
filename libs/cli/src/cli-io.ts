// What a command reads from and writes to its process, passed in so a command runs the same in a test
// (captured) as behind its bin (the real process). Every tool's `runCli(argv, io)` takes this one shape.

/** Where a command writes: text as given, the command adds its own newlines. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Everything a command may touch of its process besides argv and the files it is told about. */
export interface CliIo extends CliOutput {
  /** The working directory relative paths and git commands start from. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process: what a tool's main.ts passes to its runCli. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

export interface CapturedIo {
  readonly io: CliIo;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/** An io that keeps what a command printed, for tests; nothing is inherited from the real process. */
export function captureIo(options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? {},
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
