/**
 * Where notices go beyond the portal's feed: SMS, e-mail, push. An akimat plugs its gateways in as channels; the
 * service hands each new notice to every channel once, after the fact is stored. A channel that fails is logged and
 * skipped — the notice stays in the feed, which is the record.
 */
import type { Notice } from './notice.js'

export interface NoticeChannel {
  /** For the logs: «sms», «email», «push». */
  readonly name: string
  readonly deliver: (notice: Notice) => Promise<void>
}
