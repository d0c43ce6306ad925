/**
 * The application-service layer shared by every transport: load → decide → envelope → append, with typed errors.
 */
export { applicationStream, applicationIdOfStream, APPLICATION_STREAM_PREFIX } from './stream.js'
export type { HandlerError, HandlerErrorKind } from './errors.js'
export { envelopeFor, toNewEvent, type Provenance } from './envelope.js'
export { emptyApplication, loadApplication, decodeRecorded, type LoadedApplication, type StoredApplicationEvent } from './load.js'
export {
  createCommandHandler,
  type CommandHandler,
  type CommandContext,
  type CommandInput,
  type CommandItem,
  type Handled,
  type HandlerDeps,
} from './handle.js'
