/**
 * Ordering policies as SQL `ORDER BY` clauses, so a position is computed at query time with a window function and
 * is never stored (storing positions would rewrite every later row whenever someone is housed).
 *
 * Each clause must order exactly as the policy's `compare` does. Request numbers compare as in
 * `compareRequestNumbers`: digit-only numbers first (shorter first, then text), then any other number in text
 * order. Text is compared bytewise (`COLLATE "C"`), as JavaScript compares ASCII.
 */
import { decisionDateOrder, filingOrder, policyId, type OrderingPolicy } from '@kezek/domain'

const requestNumber = `(request_number !~ '^[0-9]+$'), (CASE WHEN request_number ~ '^[0-9]+$' THEN length(request_number) ELSE 0 END), request_number COLLATE "C"`
const filing = `filed_at_ms, ${requestNumber}, application_id COLLATE "C"`

const clauses: ReadonlyMap<string, string> = new Map([
  [policyId(filingOrder), filing],
  [policyId(decisionDateOrder), `commission_decision_date COLLATE "C", ${filing}`],
])

/** The `ORDER BY` body for a policy, or undefined when no SQL form has been written for it. */
export const orderBySql = (policy: OrderingPolicy): string | undefined => clauses.get(policyId(policy))

export const sqlPolicies = (): readonly string[] => [...clauses.keys()]
