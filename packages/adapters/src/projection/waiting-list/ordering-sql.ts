/**
 * Ordering policies as SQL `ORDER BY` clauses, so a position is computed at query time with a window function and
 * is never stored (storing positions would rewrite every later row whenever someone is housed).
 *
 * Each clause must order exactly as the policy's `compare` does. Request numbers compare as in
 * `compareRequestNumbers`: digit-only numbers first, by value (leading zeros stripped: shorter, then text), equal
 * values by length (fewer zeros first); then any other number in text order. Text is compared bytewise
 * (`COLLATE "C"`), as JavaScript compares ASCII.
 */
import { decisionDateOrder, filingOrder, journalOrder, policyId, type OrderingPolicy } from '@kezek/domain'

/** A number compared as `compareRequestNumbers` does: digit strings first, by value, then spelling; then text. */
const asRequestNumber = (column: string): string => {
  const digits = `${column} ~ '^[0-9]+$'`
  return [
    `(NOT (${digits}))`,
    `(CASE WHEN ${digits} THEN length(ltrim(${column}, '0')) ELSE 0 END)`,
    `(CASE WHEN ${digits} THEN ltrim(${column}, '0') ELSE '' END) COLLATE "C"`,
    `(CASE WHEN ${digits} THEN length(${column}) ELSE 0 END)`,
    `${column} COLLATE "C"`,
  ].join(', ')
}
const requestNumber = asRequestNumber('request_number')
const filing = `filed_at_ms, ${requestNumber}, application_id COLLATE "C"`
/**
 * `journalOrder`: Journal entries before entries without one (`journal_date IS NULL` sorts false first), then the
 * Journal's date and number; rows without a Journal tie on all of these (NULLs compare equal in ORDER BY), so
 * filing order decides among them, as the policy's fallback does.
 */
const journal = `(journal_date IS NULL), journal_date COLLATE "C", ${asRequestNumber('journal_number')}, ${filing}`

const clauses: ReadonlyMap<string, string> = new Map([
  [policyId(filingOrder), filing],
  [policyId(decisionDateOrder), `commission_decision_date COLLATE "C", ${filing}`],
  [policyId(journalOrder), journal],
])

/** The `ORDER BY` body for a policy, or undefined when no SQL form has been written for it. */
export const orderBySql = (policy: OrderingPolicy): string | undefined => clauses.get(policyId(policy))

export const sqlPolicies = (): readonly string[] => [...clauses.keys()]
