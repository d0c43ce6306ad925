/**
 * Events' data and metadata sent to PostgreSQL as one JSON array parameter each, split back into `text[]` on the
 * server. As `text[]` parameters node-postgres escaped every quote of every payload (two `replace` per element,
 * then the array literal joined): a ninth of what a signed submission allocated, and PostgreSQL then unescaped it
 * (docs/benchmarks-history.md, stop 43). `json` (not `jsonb`) keeps each element's text as it was sent, so its one
 * `::jsonb` at the insert parses it once.
 */

/** A JSON array parameter as the `text[]` of its elements' texts, in order. */
export const textsOf = (param: string): string =>
  `ARRAY(SELECT t.e::text FROM json_array_elements(${param}::json) WITH ORDINALITY AS t(e, n) ORDER BY t.n)`

/** JSON texts as one JSON array: each is valid JSON already (validation made it), so no escaping is needed. */
export const jsonArrayOf = (texts: readonly string[]): string => `[${texts.join(',')}]`
