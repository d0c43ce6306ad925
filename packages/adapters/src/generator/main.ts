/**
 * CLI: writes a generated history as NDJSON and prints its summary.
 *
 *   node --import tsx packages/adapters/src/generator/main.ts --events 100000 --seed 1 --out events.ndjson
 */
import { parseArgs } from 'node:util'
import { writeNdjson } from './output.js'

const usage = 'usage: main.ts --events <count> [--seed <int>] --out <file.ndjson>'

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: { events: { type: 'string' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } },
    strict: true,
  })
  const events = Number(values.events)
  const seed = Number(values.seed)
  if (!Number.isSafeInteger(events) || events < 0 || !Number.isSafeInteger(seed) || values.out === undefined) {
    console.error(usage)
    return 2
  }
  const started = performance.now()
  const summary = await writeNdjson(values.out, { seed, events })
  const seconds = (performance.now() - started) / 1000
  console.log(JSON.stringify({ out: values.out, seed, seconds: Number(seconds.toFixed(2)), ...summary }, null, 2))
  return 0
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  },
)
