/**
 * Wraps a decided event in its provenance envelope. Valid time is the command's `at`; record time comes from the
 * service's clock, so the two can differ (a paper application keyed in a day late) and an audit shows both.
 */
import type { Actor, ApplicationCommand, ApplicationEvent, Envelope, OnBehalfOf } from '@kezek/domain'
import type { NewEvent } from '../store/port.js'

export interface Provenance {
  readonly actor: Actor
  readonly onBehalfOf?: OnBehalfOf
  readonly correlationId: string
  readonly ruleVersion: string
}

export const envelopeFor = (
  command: ApplicationCommand,
  event: ApplicationEvent,
  eventId: string,
  recordedAt: Date,
  p: Provenance,
): Envelope => ({
  eventId,
  occurredAt: command.at,
  recordedAt: recordedAt.toISOString() as Envelope['recordedAt'],
  actor: p.actor,
  correlationId: p.correlationId,
  causationId: command.commandId,
  ruleVersion: p.ruleVersion,
  schemaVersion: event.schema,
  ...(p.onBehalfOf === undefined ? {} : { onBehalfOf: p.onBehalfOf }),
})

export const toNewEvent = (event: ApplicationEvent, envelope: Envelope): NewEvent => ({
  id: envelope.eventId,
  type: event.type,
  data: event as unknown as NewEvent['data'],
  metadata: envelope as unknown as NewEvent['metadata'],
})
