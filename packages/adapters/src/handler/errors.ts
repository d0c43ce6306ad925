/**
 * Why the application service did not apply a command. Every case is a value a transport can map to its own
 * vocabulary (an HTTP status, a CLI exit code) without parsing messages.
 */
import type { DecodeError, DomainError, UnknownCommandType } from '@kezek/domain'
import type { ExpectedRevision } from '../store/port.js'

export type HandlerError =
  /** The input is not a command: unknown type or malformed fields. Nothing was read or written. */
  | { readonly kind: 'invalid_command'; readonly index: number; readonly error: DecodeError | UnknownCommandType }
  /** The decider refused: the command makes no sense in the application's current state. Nothing was written. */
  | { readonly kind: 'domain_refused'; readonly index: number; readonly error: DomainError }
  /** The caller's expected revision is stale (another writer was first). Nothing was written. */
  | { readonly kind: 'stale_revision'; readonly streamId: string; readonly expected: ExpectedRevision; readonly actual: number | undefined }
  /** A stored event of the stream does not decode: the history needs an operator, not a retry. */
  | { readonly kind: 'corrupt_history'; readonly streamId: string; readonly revision: number; readonly detail: string }
  /**
   * The store refused the decided events as they are (a personal field with no data subject to encrypt under, personal
   * data added to an erased applicant's application): nothing was written, and retrying will not help.
   */
  | { readonly kind: 'events_refused'; readonly streamId: string; readonly detail: string }
  /** The store failed (connection lost, disk full): nothing was written, the caller may retry. */
  | { readonly kind: 'store_unavailable'; readonly detail: string }

export type HandlerErrorKind = HandlerError['kind']
