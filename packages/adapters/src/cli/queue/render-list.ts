/**
 * A waiting list as a table or CSV. `public` shows what anyone may see (the domain's `publicEntry`: position,
 * filing time, request number, category, number at registration — no IIN, no application id, no family data);
 * `full` adds what staff see: application id, the holder's IIN and the family size.
 */
import { publicEntry, type WaitingEntry } from '@kezek/domain'

export type Audience = 'public' | 'full'

export interface Row {
  readonly listId: string
  readonly position: number
  readonly entry: WaitingEntry
}

const columns = (audience: Audience): readonly string[] =>
  audience === 'public'
    ? ['list', 'position', 'request_number', 'filed_at', 'category', 'number_at_registration']
    : ['list', 'position', 'request_number', 'filed_at', 'category', 'number_at_registration', 'application_id', 'holder_iin', 'family_size', 'commission_decision_date']

const cells = (r: Row, audience: Audience): readonly string[] => {
  const p = publicEntry(r.entry, r.position)
  const shown = [r.listId, String(p.position), p.requestNumber, p.filedAt, p.category, String(p.queueNumberAtRegistration)]
  return audience === 'public'
    ? shown
    : [...shown, r.entry.applicationId, r.entry.holderIin, String(r.entry.familySize), r.entry.commissionDecisionDate]
}

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

export const csv = (rows: Iterable<Row>, audience: Audience): string => {
  const out = [columns(audience).join(',')]
  for (const r of rows) out.push(cells(r, audience).map(csvCell).join(','))
  return `${out.join('\r\n')}\r\n`
}

export const table = (rows: readonly Row[], audience: Audience): string => {
  const head = columns(audience)
  const body = rows.map((r) => cells(r, audience))
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)))
  const line = (cs: readonly string[]): string => cs.map((c, i) => (i === 1 || i === 5 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()
  return `${[line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')}\n`
}
