/**
 * Positions of the SQL stores: `<transaction id>:<global position>`, both decimal. Readers order events by the
 * pair, which is the order in which they became visible (see `store.ts`), not by the sequence alone.
 */

export interface SqlPosition {
  readonly transactionId: bigint
  readonly globalPosition: bigint
}

const shape = /^(\d{1,20}):(\d{1,20})$/

export const parsePosition = (p: string): SqlPosition => {
  const m = shape.exec(p)
  if (m === null) throw new RangeError(`not a SQL store position: ${JSON.stringify(p)}`)
  return { transactionId: BigInt(m[1] as string), globalPosition: BigInt(m[2] as string) }
}

export const formatPosition = (transactionId: string, globalPosition: string): string =>
  `${transactionId}:${globalPosition}`

export const compareSqlPositions = (a: string, b: string): number => {
  const x = parsePosition(a)
  const y = parsePosition(b)
  if (x.transactionId !== y.transactionId) return x.transactionId < y.transactionId ? -1 : 1
  if (x.globalPosition !== y.globalPosition) return x.globalPosition < y.globalPosition ? -1 : 1
  return 0
}
