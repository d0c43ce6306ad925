/**
 * An ordering policy is a named, versioned value: the rule that turns the set of active entries of a list into an
 * order. Rules change (the 2025 reform moved the list to Otbasy bank with priority quotas), so a rebuild names the
 * policy it runs, and two policies over the same events can be compared entry by entry.
 *
 * Every policy must be a total order (no two distinct entries compare equal), so the same events always give the
 * same list, byte for byte; `applicationId` is the last resort.
 */
import type { WaitingEntry } from './waiting-entry.js'

export interface OrderingPolicy {
  readonly name: string
  readonly version: number
  /** Where the rule comes from, for the audit log and the rebuild report. */
  readonly basis: string
  readonly compare: (a: WaitingEntry, b: WaitingEntry) => number
}

export const policyId = (p: OrderingPolicy): string => `${p.name}@${p.version}`

const DIGITS = /^[0-9]+$/
const LEADING_ZEROS = /^0+/

/**
 * Request numbers (АРМ РШЭП «присвоение номера заявлению»; the regulations give no format) compare as numbers when
 * they are digit strings: leading zeros are padding, so '0099' < '100' whatever the widths a registry used over
 * the years (this service pads to ten digits; imported histories may not pad at all). Two spellings of one value
 * ('099', '0099') compare by length, fewer zeros first, so the order stays total. Anything else (a registry that
 * adds letters) sorts after every digit string, in text order. Keeping the two kinds apart keeps the order
 * transitive, which "numeric when both are digits, else text" is not ('9' < '10' < '1a' < '9').
 *
 * The SQL projection orders the same way (adapters, projection/waiting-list/ordering-sql.ts).
 */
export const compareRequestNumbers = (a: string, b: string): number => {
  const da = DIGITS.test(a)
  const db = DIGITS.test(b)
  if (da !== db) return da ? -1 : 1
  if (da) {
    const va = a.replace(LEADING_ZEROS, '')
    const vb = b.replace(LEADING_ZEROS, '')
    if (va.length !== vb.length) return va.length - vb.length
    if (va !== vb) return va < vb ? -1 : 1
    return a.length - b.length
  }
  return a < b ? -1 : a > b ? 1 : 0
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Classic akimat rule (Law «О жилищных отношениях» Art. 74 p.1): in the order of the time the application was
 * filed with all required documents; the request number breaks ties.
 */
export const filingOrder: OrderingPolicy = {
  name: 'filing-order',
  version: 1,
  basis: 'Law «О жилищных отношениях» No. 94-I, Art. 74 p.1 (classic edition): time of filing with all documents',
  compare: (a, b) =>
    a.filedAtMs - b.filedAtMs ||
    compareRequestNumbers(a.requestNumber, b.requestNumber) ||
    byText(a.applicationId, b.applicationId),
}

/**
 * Orders by the commission's decision date instead of the filing time. Wrong under Art. 74 (seniority runs from
 * filing, not from the decision) and kept as a named policy so a maintainer can show what such a bug did.
 */
export const decisionDateOrder: OrderingPolicy = {
  name: 'decision-date-order',
  version: 1,
  basis: 'Not a legal rule: orders by commission decision date, then filing time (for comparison only)',
  compare: (a, b) =>
    byText(a.commissionDecisionDate, b.commissionDecisionDate) || filingOrder.compare(a, b),
}

/** Journal dates are `YYYY-MM-DD`; numbers compare like request numbers (digit strings by value, then the rest as text). */
const byJournal = (a: WaitingEntry, b: WaitingEntry): number => {
  if (a.journal === undefined || b.journal === undefined) return (a.journal === undefined ? 1 : 0) - (b.journal === undefined ? 1 : 0)
  return byText(a.journal.date, b.journal.date) || compareRequestNumbers(a.journal.number, b.journal.number)
}

/**
 * The kindergarten queue (seed 002, service 3): the regulation states no order beyond the Journal itself, so the
 * order is the Journal's — registration date, then registration number — then filing time, request number and
 * application id. Housing entries (no Journal) sort after Journal entries, each by filing order, so the one policy
 * can serve a projection that holds both kinds of list (they are never compared within one list).
 */
export const journalOrder: OrderingPolicy = {
  name: 'journal-order',
  version: 1,
  basis: 'Seed 002, service 3, Прил.3: «поставлен(а) на очередь в Журнале регистрации … за № ___, от ___»; no other criterion is stated',
  compare: (a, b) => byJournal(a, b) || filingOrder.compare(a, b),
}

export const orderingPolicies: readonly OrderingPolicy[] = [filingOrder, decisionDateOrder, journalOrder]

export const findPolicy = (id: string): OrderingPolicy | undefined =>
  orderingPolicies.find((p) => policyId(p) === id || p.name === id)
