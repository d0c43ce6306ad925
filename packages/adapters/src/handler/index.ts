/**
 * The application-service layer shared by every transport: load → decide → envelope → append, with typed errors.
 */
export { applicationStream, applicationIdOfStream, APPLICATION_STREAM_PREFIX } from './stream'
export type { HandlerError, HandlerErrorKind } from './errors'
export { envelopeFor, toNewEvent, type Provenance } from './envelope'
export { loadApplication, decodeRecorded, type LoadedApplication, type StoredApplicationEvent } from './load'
export {
  createCommandHandler,
  type CommandHandler,
  type CommandContext,
  type CommandInput,
  type CommandItem,
  type Handled,
  type HandlerDeps,
} from './handle'
