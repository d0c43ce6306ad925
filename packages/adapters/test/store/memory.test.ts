import { MemoryLog, openMemoryStore } from '../../src/store/memory.js'
import type { RecordedEvent } from '../../src/store/port.js'
import { storeContract, type Tamper } from './contract.js'

const log = new MemoryLog()

const tamper: Tamper = {
  alterData: async (streamId, revision, data) =>
    log.unsafeRewrite((all) => all.map((e) => (e.streamId === streamId && e.revision === revision ? { ...e, data } : e))),
  remove: async (streamId, revision) =>
    log.unsafeRewrite((all) => all.filter((e) => !(e.streamId === streamId && e.revision === revision))),
  swapRevisions: async (streamId, a, b) =>
    log.unsafeRewrite((all) => {
      const swapped = all.map((e): RecordedEvent =>
        e.streamId !== streamId ? e : e.revision === a ? { ...e, revision: b } : e.revision === b ? { ...e, revision: a } : e,
      )
      // The memory log keeps a stream in log order; a SQL store reads by revision. Re-sort the moved pair so the
      // reader sees what `ORDER BY revision` would show.
      const idx = swapped.flatMap((e, i) => (e.streamId === streamId ? [i] : []))
      const sorted = idx.map((i) => swapped[i] as RecordedEvent).sort((x, y) => x.revision - y.revision)
      idx.forEach((i, k) => (swapped[i] = sorted[k] as RecordedEvent))
      return swapped
    }),
}

storeContract('memory', async () => {
  const store = openMemoryStore({ log })
  return { store, close: () => store.close(), tamper }
}).run()
