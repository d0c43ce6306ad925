/**
 * The world a command sees: its output streams, whether stderr is a terminal (progress bars), the environment and
 * the clock. `main` passes the real process; nothing else in the CLI touches `process` directly.
 */
export interface Output {
  readonly write: (text: string) => void
}

export interface CliIo {
  readonly out: Output
  readonly err: Output & { readonly isTTY: boolean; readonly columns: number }
  readonly env: Readonly<Record<string, string | undefined>>
  readonly now: () => Date
  /** Monotonic milliseconds, for rates. */
  readonly clock: () => number
  /** Standard input, for `import -`. */
  readonly stdin: NodeJS.ReadableStream
  readonly cwd: string
}

export const processIo = (): CliIo => ({
  out: { write: (t) => void process.stdout.write(t) },
  err: {
    write: (t) => void process.stderr.write(t),
    isTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 80,
  },
  env: process.env,
  now: () => new Date(),
  clock: () => performance.now(),
  stdin: process.stdin,
  cwd: process.cwd(),
})
