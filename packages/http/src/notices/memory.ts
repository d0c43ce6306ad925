/** A notice channel that keeps what it was given, for tests and for a demo without gateways. */
import type { Notice } from './notice.js'
import type { NoticeChannel } from './port.js'

export interface MemoryNoticeChannel extends NoticeChannel {
  readonly delivered: readonly Notice[]
  /** Resolves once a notice matching `p` has been delivered (now or later). */
  readonly waitFor: (p: (n: Notice) => boolean) => Promise<Notice>
}

export const memoryNoticeChannel = (name = 'memory'): MemoryNoticeChannel => {
  const delivered: Notice[] = []
  const waiting: { readonly p: (n: Notice) => boolean; readonly resolve: (n: Notice) => void }[] = []
  return {
    name,
    delivered,
    deliver: async (n) => {
      delivered.push(n)
      for (const w of waiting.splice(0)) {
        if (w.p(n)) w.resolve(n)
        else waiting.push(w)
      }
    },
    waitFor: (p) => {
      const found = delivered.find(p)
      return found !== undefined ? Promise.resolve(found) : new Promise((resolve) => { waiting.push({ p, resolve }) })
    },
  }
}
