/**
 * The `kezek` exit codes. Scripts branch on them, so they are part of the public interface: a code never changes
 * meaning once released (docs/cli.md lists them).
 */
export const ExitCode = {
  /** Done; for `verify`, nothing wrong was found. */
  ok: 0,
  /** The command ran and found problems: a broken hash chain, an event that does not decode, a failed signature. */
  problems: 1,
  /** The command line is wrong: unknown command or option, missing argument, bad value. Nothing was read. */
  usage: 2,
  /** The store cannot be opened or reached: wrong path or URL, server down, not a kezek store. */
  unreachable: 3,
  /** The store is fine but holds no such thing: no application for that reference, no list with that id. */
  notFound: 4,
  /** Refused to overwrite: the target store already holds different events, or the output file exists. */
  conflict: 5,
  /** The store kind is known but not usable on this machine (its adapter or server is missing). */
  notAvailable: 6,
  /**
   * `verify` read the store only in part: events committed behind a transaction of the same database that did not
   * end within `--wait` stayed unreadable. What was read is reported; nothing wrong was found in it.
   */
  incomplete: 7,
  /** A bug in kezek: please report it with the command line and the message. */
  internal: 70,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
