/** A timeline as text for a terminal, in the auditor's language. */
import { message, type Language, type Role, type Status } from '@kezek/domain'
import type { SignatureNote } from './auditor.js'
import { channelName } from './describe-event.js'
import type { Timeline, TimelineEvent } from './timeline.js'
import { roleName, say } from './words.js'

const short = (hash: string): string => `${hash.slice(0, 12)}…`

export const describeSignature = (n: SignatureNote, lang: Language): string => {
  switch (n.kind) {
    case 'recorded_valid':
      return say('sigRecordedValid', lang, { cn: n.commonName, iin: n.iin, algorithm: n.algorithm.replace(/^.*#/, ''), digest: short(n.documentDigest) })
    case 'recorded_invalid':
      return say('sigRecordedInvalid', lang, { reason: `${message(`signature.${n.failure as 'signature_invalid'}`, lang)} (${n.detail})` })
    case 'digest_matches':
      return say('sigMatchesVerdict', lang)
    case 'mismatch':
      return `${say('broken', lang)}: ${n.detail}`
  }
}

const eventBlock = (e: TimelineEvent, lang: Language): string[] => {
  const lines = [`#${e.revision}  ${e.validTime ?? e.storedAt}  ${e.text ?? `${say('undecodable', lang)} (${e.type})`}`]
  if (e.actor !== undefined) {
    const channel = e.actor.channel === 'system' || e.actor.channel in { portal: 1, provider_desk: 1, service_centre: 1 }
      ? channelName(e.actor.channel as 'system', lang)
      : e.actor.channel
    const who = [`${say('who', lang)} ${e.actor.id}`, `${say('role', lang)} ${roleName(e.actor.role as Role, lang)}`, `${say('channel', lang)} ${channel}`]
    if (e.onBehalfOf !== undefined) who.push(`${say('onBehalfOf', lang)} ${e.onBehalfOf.iin} (${say('powerOfAttorney', lang)} ${e.onBehalfOf.powerOfAttorney})`)
    lines.push(`    ${who.join(' · ')}`)
    lines.push(
      `    ${say('validTime', lang)} ${e.validTime} · ${say('recordTime', lang)} ${e.recordTime} · ${say('storeTime', lang)} ${e.storedAt} · ${say('rule', lang)} ${e.ruleVersion}`,
    )
  }
  const link = e.chainLink.ok ? `${say('ok', lang)} (${short(e.hash)})` : `${say('broken', lang)}: ${e.chainLink.kind} — ${e.chainLink.detail}`
  lines.push(`    ${say('chainLink', lang)}: ${link}`)
  if (e.signature !== undefined) lines.push(`    ${say('signature', lang)}: ${describeSignature(e.signature, lang)}`)
  for (const p of e.problems) if (!p.kind.startsWith('chain.')) lines.push(`    ! ${p.kind}: ${p.detail}`)
  return lines
}

export const renderTimeline = (t: Timeline, lang: Language): string => {
  const head = [`${say('application', lang)} ${t.applicationId}`]
  if (t.requestNumber !== undefined) head.push(`${say('request', lang)} ${t.requestNumber}`)
  if (t.applicantIin !== undefined) head.push(`${say('applicant', lang)} ${t.applicantIin}`)
  const status = t.status === undefined ? '' : ` · ${say('currentStatus', lang)}: ${message(`status.${t.status as Status}`, lang)}`
  const lines = [
    head.join(' · '),
    `${say('stream', lang)} ${t.streamId} · ${t.events.length} ${say('events', lang)} · ${say(t.chainIntact ? 'chainIntact' : 'chainBroken', lang)}${status}`,
    '',
  ]
  for (const e of t.events) lines.push(...eventBlock(e, lang))
  if (t.problems.length > 0) {
    lines.push('', `${say('problems', lang)}: ${t.problems.length}`)
    for (const p of t.problems) lines.push(`  ${p.kind} at revision ${p.revision}: ${p.detail}`)
  }
  return `${lines.join('\n')}\n`
}
